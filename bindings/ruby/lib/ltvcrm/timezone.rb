# frozen_string_literal: true

module Ltvcrm
  bind(
    ltv_timezone_open: [[:string, :pointer], :status], ltv_timezone_free: [[:pointer], :void],
    ltv_timezone_name: [[:pointer], :string], ltv_timezone_offset: [[:pointer, :int64, :pointer], :status],
    ltv_timezone_days: [[:pointer, :pointer, :size_t, :pointer], :status],
    ltv_timestamp_day: [[:pointer, :size_t, :pointer, :pointer], :status]
  )

  # A time zone from the system's time-zone database (ltv_timezone), by IANA name:
  # +Ltvcrm::Timezone.new("Asia/Tokyo")+; also "UTC" and fixed offsets such as "+09:00".
  # NotFoundError for a zone the database does not have.
  #
  # The shop-day rule (the C library's, the same in the tool and in Python): with a shop
  # zone, a Time (which always has an offset) or text with an offset is an instant converted
  # to the shop zone, whose calendar day there is the day; a Date or text without an offset
  # is the shop's local day as written. Without a shop zone a Time counts by its own date.
  class Timezone
    include Owner

    def initialize(name)
      raise InvalidArgumentError, "a time zone name must be a String, not #{name.class}" unless name.is_a?(String)

      out = Owner.out_pointer
      C.ltv_timezone_open(name, out)
      adopt(out.read_pointer, :ltv_timezone_free)
    end

    def pointer = ptr

    # The name the zone was opened with.
    def name = C.ltv_timezone_name(ptr).dup.force_encoding(Encoding::UTF_8)

    def inspect = "#<Ltvcrm::Timezone #{name}>"

    # Seconds east of UTC at an instant (a Time, or an Integer of seconds since the epoch).
    def offset(time)
      out = Ltvcrm.out(:int32)
      C.ltv_timezone_offset(ptr, Ltvcrm.unix_seconds(time), out)
      out.read_int32
    end

    # The day number of a value by the rule.
    def day(value) = Ltvcrm.day_of(value, self)
  end

  module_function

  # Seconds since the epoch of a Time, floored (a fraction never moves a day).
  def unix_seconds(time)
    case time
    when Time then time.to_r.floor
    when Integer then integer(time, "instant", :int64)
    else raise InvalidArgumentError, "cannot use #{time.class} #{time.inspect} as an instant"
    end
  end

  def zone(timezone)
    timezone.nil? || timezone.is_a?(Timezone) ? timezone : Timezone.new(timezone.to_s)
  end

  # The day of a timestamp written as text ("2025-01-07 02:17:05 +0900") by the rule.
  def timestamp_day(text, timezone = nil)
    raw = text.b
    tz = zone(timezone)
    out = out(:int32)
    C.ltv_timestamp_day(raw, raw.bytesize, tz&.pointer, out)
    out.read_int32
  end

  # The day number of a Time, Date, text or Integer by the shop-day rule (see Timezone).
  def day_of(value, timezone = nil)
    tz = zone(timezone)
    return to_day(value) if tz.nil? && !value.is_a?(String)

    case value
    when String then timestamp_day(value, tz)
    when Time
      t = FFI::MemoryPointer.new(:int64).write_int64(unix_seconds(value))
      out = out(:int32)
      C.ltv_timezone_days(tz.pointer, t, 1, out)
      out.read_int32
    else to_day(value)
    end
  end
end
