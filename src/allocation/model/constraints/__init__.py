"""Hard constraint families of the class-based model, one module each."""
