// Placeholder until the A2A server lands.
export {};
