"""Writes the .npy files of the catalogue's .npy cases with real NumPy (2.4.6 when they were made).

Run from this folder: python3 generate_npy.py. Hand-made .npy files (a truncated payload, a corrupt header) are
not here: each of those cases describes its file under `setup:` in its case.yaml, and the test writes it.
"""
import numpy as np

LABELS = np.array([1.0, 3.0, 6.0], dtype="<f8")


def save(case, name, array):
    np.save(f"{case}/{name}", array)


# int16 is not among the supported dtypes (<f4, <f8, <i4, <i8)
save("125-npy-unsupported-dtype", "p.npy", np.array([1, 2, 3], dtype="<i2"))
save("125-npy-unsupported-dtype", "y.npy", LABELS)
# column-major 2 x 3: refused (a 1-D or single-column array would be laid out alike in both orders)
save("126-npy-fortran-order", "p.npy", np.asfortranarray(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype="<f8")))
save("126-npy-fortran-order", "y.npy", np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype="<f8"))
save("127-npy-big-endian", "p.npy", np.array([1.0, 2.0, 3.0], dtype=">f8"))
save("127-npy-big-endian", "y.npy", LABELS)
save("128-npy-three-dimensions", "p.npy", np.zeros((2, 2, 2), dtype="<f8"))
save("128-npy-three-dimensions", "y.npy", np.zeros(2, dtype="<f8"))
save("129-npy-structured-dtype", "p.npy", np.array([(1.0, 1), (2.0, 2)], dtype=[("p", "<f8"), ("n", "<i4")]))
save("129-npy-structured-dtype", "y.npy", np.zeros(2, dtype="<f8"))
save("130-npy-scalar", "p.npy", np.float64(1.5))
save("130-npy-scalar", "y.npy", LABELS)
# the files of cases whose problem is in p.npy only, written by the test from their setup: a valid y.npy beside it
for case in ["099-path-npy-empty", "131-npy-truncated-payload", "132-npy-trailing-bytes",
             "133-npy-corrupt-header-not-a-dict", "134-npy-corrupt-header-missing-key", "135-npy-corrupt-header-length",
             "136-npy-not-npy", "137-npy-unsupported-version", "097-path-npy-missing"]:
    save(case, "y.npy", LABELS)
save("098-path-npy-is-directory", "p.npy", np.array([1.0, 2.0, 3.0], dtype="<f8"))
# float32 probabilities of 3 classes and int64 class indices: evaluated in float32
save("138-npy-accepted-float32-and-int-labels", "p.npy",
     np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.25, 0.25, 0.5]], dtype="<f4"))
save("138-npy-accepted-float32-and-int-labels", "y.npy", np.array([0, 1, 2], dtype="<i8"))
save("144-length-npy-labels", "p.npy", np.array([1.0, 2.0, 3.0], dtype="<f8"))
save("144-length-npy-labels", "y.npy", np.array([1.0, 3.0], dtype="<f8"))
save("145-length-npy-weights", "p.npy", np.array([1.0, 2.0, 3.0], dtype="<f8"))
save("145-length-npy-weights", "y.npy", LABELS)
save("145-length-npy-weights", "w.npy", np.ones((3, 2), dtype="<f8"))
save("158-nonfinite-npy-nan", "p.npy", np.array([1.0, 2.0, 3.0], dtype="<f8"))
save("158-nonfinite-npy-nan", "y.npy", np.array([1.0, np.nan, 6.0], dtype="<f8"))
