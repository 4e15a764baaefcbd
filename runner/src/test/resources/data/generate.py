"""Writes the .npy fixtures of NpySourceTests with real NumPy (2.4.6 when they were made).

Run from this folder: python3 generate.py. The values are repeated in NpySourceTests, which checks that the
Java reader gets back exactly what NumPy wrote.
"""
import numpy as np

# float32, 2-D, format 1.0 (what np.save writes for small headers)
np.save("f4_2d.npy", np.array([[0.1, 0.2], [0.3, 0.4], [1.5, 15.0]], dtype="<f4"))
# float64, 1-D
np.save("f8_1d.npy", np.array([1.5, 2.25, -3.0], dtype="<f8"))
# int64 class indices, 1-D
np.save("i8_1d.npy", np.array([0, 2, 1], dtype="<i8"))
# big-endian float64: refused
np.save("f8_big_endian.npy", np.array([1.5, 2.25, -3.0], dtype=">f8"))
# Fortran (column-major) order, 2 x 3: refused
np.save("f8_fortran.npy", np.asfortranarray(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype="<f8")))
# three dimensions: refused
np.save("f8_3d.npy", np.zeros((2, 2, 2), dtype="<f8"))
# format versions 2.0 and 3.0, which np.save picks only for huge or non-Latin-1 headers
with open("f8_2d_v2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([[1.0, -2.0], [0.5, 4.0]], dtype="<f8"), version=(2, 0))
with open("f4_1d_v3.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([0.25, 0.75, 1.0], dtype="<f4"), version=(3, 0))
