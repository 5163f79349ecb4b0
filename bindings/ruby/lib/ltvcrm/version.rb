# frozen_string_literal: true

module Ltvcrm
  # Version of the gem.
  VERSION = "1.0.0"
  # The major version of the C ABI the gem is written for.
  ABI_MAJOR = 1
end
