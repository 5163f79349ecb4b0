# frozen_string_literal: true

# Ruby bindings of libltvcrm: customer ledgers, segments, LTV and CRM planning for order logs,
# through the ffi gem over the C library's stable ABI.
#
#   require "ltvcrm"
#   Ltvcrm::Ledger.open do |ledger|
#     ledger.load_csv("orders.csv", decimals: 0)
#     ledger.segment { |seg| p seg.state_stats[:fan] }
#   end
module Ltvcrm
end

require_relative "ltvcrm/version"
require_relative "ltvcrm/errors"
require_relative "ltvcrm/integers"
require_relative "ltvcrm/native"
require_relative "ltvcrm/handle"
require_relative "ltvcrm/dates"
require_relative "ltvcrm/timezone"
require_relative "ltvcrm/ledger"
require_relative "ltvcrm/csv"
require_relative "ltvcrm/presets"
require_relative "ltvcrm/segment"
require_relative "ltvcrm/shards"
require_relative "ltvcrm/grader"
require_relative "ltvcrm/matrix"
require_relative "ltvcrm/planner"
require_relative "ltvcrm/health"
require_relative "ltvcrm/snapshot"
require_relative "ltvcrm/predict"
require_relative "ltvcrm/customers"
require_relative "ltvcrm/report"
require_relative "ltvcrm/customers"

module Ltvcrm
  # Version of the loaded shared library, such as "1.0.0".
  def self.library_version = Native::VERSION_STRING
  # The same as major * 10000 + minor * 100 + patch.
  def self.library_version_number = Native::VERSION_NUMBER
  # Path (or name) the shared library was loaded from.
  def self.library_path = Native::LIBRARY_PATH
  # The name of a status code, such as "LTV_ERANGE".
  def self.status_name(status) = Native.ltv_status_name(status)
  # A short English description of a status code.
  def self.status_text(status) = Native.ltv_status_text(status)

  # How many threads one call of the library may use (see threads=).
  def self.threads = C.ltv_get_threads

  # Set how many threads one call of the library may use, 1..64, for the whole process.
  # Loading a CSV file, organizing a large ledger, segmenting and the health check split
  # their work over them; results never depend on the number. The default is 2 (1 on a
  # one-CPU machine); a platform that runs one shop per worker sets 1. Calls already running
  # keep the value they started with. OutOfRangeError outside 1..64.
  def self.threads=(count)
    C.ltv_set_threads(integer(count, "threads", :int))
  end
end
