"""The model: records built from valid data, and the duties computed from them."""
