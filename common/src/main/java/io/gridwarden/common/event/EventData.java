package io.gridwarden.common.event;

/** The {@code data} of a device event; one record per {@link EventType}. */
public sealed interface EventData
        permits Detection, Reading, OfficerStatus, CommandAck, Heartbeat, ManualAssign, ManualClose, TownChange {}
