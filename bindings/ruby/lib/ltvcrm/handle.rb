# frozen_string_literal: true

module Ltvcrm
  # Ownership of one C handle: an FFI::AutoPointer frees it when the object is collected, or
  # now with #close (or at the end of the block of the class's +open+). Closing twice is fine.
  module Owner
    def self.included(base)
      base.extend(ClassMethods)
    end

    # Blocks: +Ltvcrm::Ledger.open { |ledger| ... }+ closes the object when the block ends and
    # returns the block's value.
    module ClassMethods
      def open(*args, **kwargs)
        object = new(*args, **kwargs)
        return object unless block_given?

        begin
          yield object
        ensure
          object.close
        end
      end
    end

    # True after #close.
    def closed?
      @handle.nil?
    end

    # Release the C object now (it is also released when this object is collected).
    def close
      handle = @handle
      @handle = nil
      handle&.free
      nil
    end

    private

    def adopt(pointer, free_function)
      @handle = FFI::AutoPointer.new(pointer, Native.method(free_function))
    end

    def ptr
      @handle or raise StateError, "the #{self.class.name.split('::').last.downcase} is closed"
    end

    def self.out_pointer
      FFI::MemoryPointer.new(:pointer)
    end
  end

  # A Ruby value as an enum code: an Integer, or a Symbol/String naming it in +names+ (the
  # names in code order, starting at +first+).
  def self.code(names, value, what, first: 0)
    case value
    when Integer then integer(value, what, :int)
    when Symbol, String
      index = names.index(value.to_s.downcase.tr("-", "_").to_sym)
      raise InvalidArgumentError, "#{what} #{value.inspect} is not one of #{names.join(', ')}" unless index

      index + first
    else raise InvalidArgumentError, "#{what} #{value.inspect} is not an Integer or a name"
    end
  end

  LANGS = %i[en ja].freeze

  def self.lang(value) = code(LANGS, value, "language")

  # An integer out-parameter.
  def self.out(type) = FFI::MemoryPointer.new(type)

  # One borrowed column of a result, copied into an Array. `columns` maps a name to
  # [column code, FFI element type]; the block calls the library's column function with
  # (code, data pointer out, length out).
  def self.read_column(columns, name)
    code, type = columns.fetch(name.to_sym) do
      raise InvalidArgumentError, "column #{name.inspect} is not one of #{columns.keys.join(', ')}"
    end
    data, len = Owner.out_pointer, out(:size_t)
    yield code, data, len
    n = len.read(:size_t)
    n.zero? ? [] : data.read_pointer.send("get_array_of_#{type}", 0, n)
  end
end
