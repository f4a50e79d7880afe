// Placeholder until the MochiDump library lands.
