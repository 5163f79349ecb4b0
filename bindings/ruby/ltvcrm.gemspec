# frozen_string_literal: true

require "fileutils"
require_relative "lib/ltvcrm/version"

# `gem build` in the source tree packs the C library's sources into ext/ltvcrm/libltvcrm/
# (ignored by git) so that `gem install` can build and bundle libltvcrm.so.1
# (ext/ltvcrm/extconf.rb). Only what configuring and building the library needs.
LTVCRM_C_SOURCES = %w[CMakeLists.txt LICENSE CHANGELOG.md cmake/* lib/**/* include/**/* abi/*.symbols abi/*.abi pkgconfig/*].freeze
module LtvcrmVendor
  def self.copy(root, into)
    return unless File.file?(File.join(root, "include", "ltvcrm", "common.h"))

    FileUtils.rm_rf(into)
    FileUtils.mkdir_p(into)
    Dir.chdir(root) { Dir.glob(LTVCRM_C_SOURCES).select { |f| File.file?(f) } }.each do |file|
      FileUtils.mkdir_p(File.join(into, File.dirname(file)))
      FileUtils.cp(File.join(root, file), File.join(into, file))
    end
  end
end
LtvcrmVendor.copy(File.expand_path("../..", __dir__), File.join(__dir__, "ext", "ltvcrm", "libltvcrm"))

Gem::Specification.new do |spec|
  spec.name = "ltvcrm"
  spec.version = Ltvcrm::VERSION
  spec.summary = "Ruby bindings of libltvcrm: customer ledgers, segments, LTV and CRM planning"
  spec.description = <<~TEXT
    Thin bindings over the stable C ABI of libltvcrm through the ffi gem: load order logs
    (CSV or arrays), segment customers (new, repeat, fan, dormant; RFM; value ranks; LTV),
    plan with the campaign matrix and grade CRM maturity. Installing the gem builds
    libltvcrm.so.1 with CMake and bundles it (or, with -- --use-system-library, uses an
    installed copy found through pkg-config); LTVCRM_LIBRARY selects a particular copy.
  TEXT
  spec.authors = ["libltvcrm maintainers"]
  spec.license = "MIT"
  spec.files = Dir.chdir(__dir__) do
    Dir["lib/**/*.rb"] + ["ext/ltvcrm/extconf.rb"] +
      Dir.glob("ext/ltvcrm/libltvcrm/**/*", File::FNM_DOTMATCH).select { |f| File.file?(f) }
  end
  spec.extensions = ["ext/ltvcrm/extconf.rb"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 3.1"
  spec.add_dependency "ffi", ">= 1.15"
  spec.add_development_dependency "minitest", ">= 5.15"
  spec.metadata["rubygems_mfa_required"] = "true"
end
