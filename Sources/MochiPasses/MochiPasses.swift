// Placeholder until the MochiPasses library lands.
