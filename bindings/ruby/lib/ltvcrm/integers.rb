# frozen_string_literal: true

require "ffi"

module Ltvcrm
  # Bounds of the C integer types in the FFI signatures.
  #
  # FFI converts a Ruby number to a C integer without telling when it changes: a Float is
  # truncated (1.5 becomes 1, 2.9 items become 2) and a negative number passed as an unsigned
  # type wraps around (-1 as a uint64 is 2**64 - 1). Every integer argument is checked against
  # these bounds before the call (see Ltvcrm.bind), and the entry points check their own
  # parameters first so that the message names them.
  INTEGER_BOUNDS = {
    int8: [-(2**7), (2**7) - 1], uint8: [0, (2**8) - 1],
    int: [-(2**31), (2**31) - 1], int32: [-(2**31), (2**31) - 1], uint32: [0, (2**32) - 1],
    int64: [-(2**63), (2**63) - 1], uint64: [0, (2**64) - 1],
    size_t: [0, (2**(8 * FFI.type_size(:size_t))) - 1]
  }.freeze

  # +value+ if it is an Integer within the bounds of the C +type+: InvalidArgumentError
  # (LTV_EINVAL) for anything but an Integer (a Float, a Rational, nil), OutOfRangeError
  # (LTV_ERANGE) outside the bounds, as the library raises for its own bounds. Bounds
  # narrower than the C type (items 0..1000000) are left to the library, which names them.
  def self.integer(value, name, type = :int64)
    raise InvalidArgumentError, "#{name} #{value.inspect} is not an Integer" unless value.is_a?(Integer)

    low, high = INTEGER_BOUNDS.fetch(type)
    raise OutOfRangeError, "#{name} #{value} is outside #{low}..#{high}" unless value.between?(low, high)

    value
  end

  # Every element checked as #integer does; the message names the element ("thresholds[1]").
  def self.integers(values, name, type = :int64)
    values.each_with_index.map { |value, i| integer(value, "#{name}[#{i}]", type) }
  end

  # A setting that may be a switch: true and false are 1 and 0.
  def self.setting(value, name)
    integer(value == true ? 1 : value == false ? 0 : value, name)
  end
end
