// Groups' schedules expand with the shared rule of @relais/recurrence (conferences use it too).
export * from "@relais/recurrence";
