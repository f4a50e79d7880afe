// Placeholder until the MochiInterp library lands.
