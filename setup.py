"""Build hook: compile khabar's core (``khabar/core.py`` with ``khabar/core.pxd``) with Cython.

Everything else is in ``pyproject.toml``. The core is plain Python that also runs uncompiled, so the build
never fails for want of a compiler: the extension is optional (a failed compile leaves the pure module, with
a warning). ``KHABAR_PURE=1`` skips compilation on purpose. ``khabar.core.COMPILED`` tells which one runs.
"""
import os
import sys

from setuptools import Extension, setup

CORE = ["khabar.core"]


def core_extensions() -> list:
    if os.environ.get("KHABAR_PURE", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # a build without the build requirements (e.g. setup.py run by hand)
        return []
    extensions = [Extension(name, [name.replace(".", "/") + ".py"], optional=True) for name in CORE]
    try:
        return cythonize(extensions, compiler_directives={"language_level": 3, "binding": False,
                                                          "embedsignature": True}, quiet=True)
    except Exception as exc:  # noqa: BLE001 - any Cython failure: install the plain module, say so
        print(f"warning: khabar's core was not compiled ({exc}); the plain-Python core is installed "
              "(same results, slower)", file=sys.stderr)
        return []


setup(ext_modules=core_extensions())
