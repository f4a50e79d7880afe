// Placeholder: the real main lands with the front end and passes.
print("mochi-ir: not yet implemented")
