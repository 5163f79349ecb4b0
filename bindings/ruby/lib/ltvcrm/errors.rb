# frozen_string_literal: true

module Ltvcrm
  # A failure reported by libltvcrm: the status code, its name and the library's message,
  # which names the parameter, the value and the bounds, or the line and column of a file.
  class Error < StandardError
    attr_reader :status, :status_name

    # The library's message for this failure (without the status name).
    attr_reader :detail

    # The load report, for a CSV load that failed after the file was opened (else nil).
    attr_accessor :report

    def self.status = 0
    def self.status_name = "LTV_UNKNOWN"

    def initialize(detail = "", status: self.class.status, status_name: self.class.status_name)
      @detail = detail
      @status = status
      @status_name = status_name
      super(detail.empty? ? status_name : "#{status_name}: #{detail}")
    end
  end

  # Subclasses by status, the same names as the Python bindings use.
  {
    InvalidArgumentError: [-1, "LTV_EINVAL"],
    OutOfMemoryError: [-2, "LTV_ENOMEM"],
    OutOfRangeError: [-3, "LTV_ERANGE"],
    FileError: [-4, "LTV_EIO"],
    ParseError: [-5, "LTV_EPARSE"],
    NotFoundError: [-6, "LTV_ENOTFOUND"],
    BufferSizeError: [-7, "LTV_EBUFSIZE"],
    EncodingError: [-8, "LTV_EENCODING"],
    StateError: [-9, "LTV_ESTATE"],
    SumOverflowError: [-10, "LTV_EOVERFLOW"],
    FormatError: [-11, "LTV_EFORMAT"],
    ValidationError: [-12, "LTV_EVALIDATION"]
  }.each do |name, (code, status_name)|
    klass = Class.new(Error)
    klass.define_singleton_method(:status) { code }
    klass.define_singleton_method(:status_name) { status_name }
    const_set(name, klass)
  end

  # The shared library could not be found or loaded, or has another major version.
  class LibraryError < LoadError; end

  ERRORS_BY_STATUS = [InvalidArgumentError, OutOfMemoryError, OutOfRangeError, FileError, ParseError,
                      NotFoundError, BufferSizeError, EncodingError, StateError, SumOverflowError, FormatError,
                      ValidationError].to_h { |k| [k.status, k] }.freeze

  # The exception for a status code (a plain Error for a code this version does not know).
  def self.error_for(status, detail, status_name = nil)
    klass = ERRORS_BY_STATUS[status]
    return klass.new(detail) if klass

    Error.new(detail, status: status, status_name: status_name || "LTV_UNKNOWN")
  end
end
