package io.winback.desk.privacy;

import io.winback.desk.worklist.WorklistItem;

/**
 * A task as it may be used now: its personal fields opened when {@link PersonalData#available()},
 * else left out; {@code personalData} says which, for the note a page shows.
 */
public record OpenedTask(WorklistItem item, PersonalData personalData) {}
