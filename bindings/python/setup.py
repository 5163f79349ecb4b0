"""Builds libltvcrm with CMake and puts libltvcrm.so.1 inside the package (a platform wheel).

`pip install ./bindings/python` (offline: add --no-build-isolation to use the installed
setuptools and wheel) runs this: the C library of the source tree this package lives in is
configured and built in the build directory (only the library: no tests, tool, benchmarks or
docs), and the shared library is copied next to the package's modules, where ltvcrm/_lib.py
looks first. The wheel is tagged py3-none-<platform>: the bindings are ctypes, so any Python 3
runs it, but the bundled library is machine code. See docs/packaging.md.

Environment:
  LTVCRM_SOURCE_DIR   the libltvcrm source tree (default: two levels up, the checkout)
  LTVCRM_BUNDLE=0     build a pure-Python wheel without the library, for systems that install
                      libltvcrm separately (the loader then finds it through LTVCRM_LIBRARY,
                      the dynamic loader or pkg-config's libdir)
  CMAKE               the cmake program (default: cmake on PATH)
"""

import os
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # no wheel package: pip builds through setuptools' own path
    bdist_wheel = None

HERE = os.path.dirname(os.path.abspath(__file__))
BUNDLE = os.environ.get("LTVCRM_BUNDLE", "1") != "0"
SONAME = "libltvcrm.so.1"


def _source_dir() -> str:
    source = os.environ.get("LTVCRM_SOURCE_DIR") or os.path.join(HERE, "..", "..")
    source = os.path.abspath(source)
    if not os.path.isfile(os.path.join(source, "include", "ltvcrm", "common.h")):
        sys.exit(f"ltvcrm: the libltvcrm sources are not at {source}; build from the source tree "
                 "(pip install ./bindings/python), set LTVCRM_SOURCE_DIR, or LTVCRM_BUNDLE=0 to "
                 "use a separately installed libltvcrm")
    return source


class BuildWithLibrary(build_py):
    """build_py, then CMake: libltvcrm.so.1 lands in the built package."""

    def run(self):
        super().run()
        if not BUNDLE:
            return
        cmake = os.environ.get("CMAKE") or shutil.which("cmake")
        if not cmake:
            sys.exit("ltvcrm: building the bundled libltvcrm needs CMake 3.16 or later and a C11 compiler "
                     "(Debian: apt-get install cmake build-essential)")
        build_temp = os.path.abspath(os.path.join(self.get_finalized_command("build").build_base, "libltvcrm"))
        configure = [cmake, "-S", _source_dir(), "-B", build_temp, "-DCMAKE_BUILD_TYPE=Release",
                     "-DLTV_BUILD_TESTS=OFF", "-DLTV_BUILD_TOOLS=OFF", "-DLTV_BUILD_BENCH=OFF", "-DLTV_BUILD_DOCS=OFF"]
        self.announce("ltvcrm: " + " ".join(configure), level=2)
        subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
        jobs = str(min(os.cpu_count() or 1, 4))
        subprocess.run([cmake, "--build", build_temp, "--target", "ltvcrm", "-j", jobs], check=True,
                       stdout=subprocess.DEVNULL)
        built = os.path.join(build_temp, SONAME)
        if not os.path.isfile(built):
            sys.exit(f"ltvcrm: CMake did not produce {built}")
        target = os.path.join(self.build_lib, "ltvcrm", SONAME)
        self.mkpath(os.path.dirname(target))
        shutil.copyfile(os.path.realpath(built), target)  # the file itself, not the symlink chain
        os.chmod(target, 0o755)


class BinaryDistribution(Distribution):
    """A wheel that carries a shared library is not pure."""

    def has_ext_modules(self):
        return BUNDLE


cmdclass = {"build_py": BuildWithLibrary}
if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """py3-none-<platform>: ctypes needs no particular Python ABI, the library needs the machine."""

        def finalize_options(self):
            super().finalize_options()
            self.root_is_pure = not BUNDLE

        def get_tag(self):
            python, abi, plat = super().get_tag()
            return ("py3", "none", plat) if BUNDLE else (python, abi, plat)

    cmdclass["bdist_wheel"] = PlatformWheel

setup(cmdclass=cmdclass, distclass=BinaryDistribution)
