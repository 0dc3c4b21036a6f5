package io.flexgate.ikev2.initiator;

/**
 * What the client's data path hears about CHILD_SAs after the first one (which comes with
 * {@link InitiatorResult.Established}). Called on the session's executor; the keys of {@code child} are readable
 * during the call only when it is removed (they are wiped right after), and for as long as the session lasts when
 * it is added.
 */
public interface ChildSaListener {

    /** Does nothing: the default of a session without a data path (load mode). */
    ChildSaListener NONE = new ChildSaListener() {
        @Override
        public void added(ChildSa child) {
            // no data path
        }

        @Override
        public void removed(ChildSa child) {
            // no data path
        }
    };

    /** The headend rekeyed a CHILD_SA: install {@code child} beside the old one, which it deletes next. */
    void added(ChildSa child);

    /** The headend deleted {@code child}: remove it from the data path. */
    void removed(ChildSa child);
}
