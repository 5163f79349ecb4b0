# frozen_string_literal: true

# Run by `gem install`: provides libltvcrm.so.1 for the gem, next to lib/ltvcrm/native.rb.
#
# By default it builds the C library from the sources packed into the gem
# (ext/ltvcrm/libltvcrm/, copied there by the gemspec at `gem build`) with CMake and bundles
# it. With `gem install ltvcrm -- --use-system-library` (or LTVCRM_USE_SYSTEM_LIBRARY=1), or
# when the gem carries no sources, it uses an installed libltvcrm found through pkg-config
# (`pkg-config --variable=libdir libltvcrm`) and records its path instead.
# Writes a Makefile whose `install` puts either the library or the recorded path into the
# gem's lib/ltvcrm/ (RubyGems runs make clean, make, make install).
require "rbconfig"
require "shellwords"

here = __dir__
sources = File.join(here, "libltvcrm")
build = File.join(Dir.pwd, "libltvcrm-build")
dest = File.join(RbConfig::CONFIG["sitearchdir"], "ltvcrm")
use_system = ARGV.include?("--use-system-library") || ENV["LTVCRM_USE_SYSTEM_LIBRARY"] == "1"
have_sources = File.file?(File.join(sources, "CMakeLists.txt"))

def sh(*cmd)
  puts cmd.shelljoin
  system(*cmd) || abort("ltvcrm: failed: #{cmd.shelljoin}")
end

if use_system || !have_sources
  libdir = `pkg-config --variable=libdir libltvcrm 2>/dev/null`.strip
  version = `pkg-config --modversion libltvcrm 2>/dev/null`.strip
  library = File.join(libdir, "libltvcrm.so.1")
  unless $?.success? && !libdir.empty? && File.exist?(library) && version.split(".").first == "1"
    abort "ltvcrm: no libltvcrm 1.x found through pkg-config (#{library}); install it " \
          "(cmake --install, see docs/packaging.md) and set PKG_CONFIG_PATH, or install a gem " \
          "built from the source tree, which bundles the library"
  end
  puts "ltvcrm: using the installed libltvcrm #{version}: #{library}"
  File.write("libltvcrm.path", "#{library}\n")
  recipe = "cp libltvcrm.path"
else
  cmake = ENV.fetch("CMAKE", "cmake")
  system("#{cmake.shellescape} --version >/dev/null 2>&1") ||
    abort("ltvcrm: building the bundled libltvcrm needs CMake 3.16 or later and a C11 compiler " \
          "(Debian: apt-get install cmake build-essential), or gem install ltvcrm -- --use-system-library")
  sh(cmake, "-S", sources, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DLTV_BUILD_TESTS=OFF",
     "-DLTV_BUILD_TOOLS=OFF", "-DLTV_BUILD_BENCH=OFF", "-DLTV_BUILD_DOCS=OFF")
  recipe = "cp -L #{File.join(build, 'libltvcrm.so.1').shellescape}"
  build_step = "\t#{cmake.shellescape} --build #{build.shellescape} --target ltvcrm -j 2\n"
end

File.write("Makefile", <<~MAKE)
  # Written by extconf.rb (libltvcrm for the ltvcrm gem).
  sitearchdir = #{dest.shellescape}
  all:
  #{build_step}
  install: all
  \tmkdir -p $(DESTDIR)$(sitearchdir)
  \t#{recipe} $(DESTDIR)$(sitearchdir)/
  clean:
MAKE
