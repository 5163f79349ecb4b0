# frozen_string_literal: true

require_relative "lib/ltvcrm/version"

Gem::Specification.new do |spec|
  spec.name = "ltvcrm"
  spec.version = Ltvcrm::VERSION
  spec.summary = "Ruby bindings of libltvcrm: customer ledgers, segments, LTV and CRM planning"
  spec.description = <<~TEXT
    Thin bindings over the stable C ABI of libltvcrm through the ffi gem: load order logs
    (CSV or arrays), segment customers (new, repeat, fan, dormant; RFM; value ranks; LTV),
    plan with the campaign matrix and grade CRM maturity. libltvcrm (libltvcrm.so.1) is
    installed separately; set LTVCRM_LIBRARY to use a particular copy.
  TEXT
  spec.authors = ["libltvcrm maintainers"]
  spec.license = "MIT"
  spec.files = Dir["lib/**/*.rb"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 3.1"
  spec.add_dependency "ffi", ">= 1.15"
  spec.add_development_dependency "minitest", ">= 5.15"
  spec.metadata["rubygems_mfa_required"] = "true"
end
