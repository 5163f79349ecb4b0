# frozen_string_literal: true

require "date"

module Ltvcrm
  # Day number of 0001-01-01, the first supported day.
  DAY_MIN = -719_162
  # Day number of 9999-12-31, the last supported day.
  DAY_MAX = 2_932_896
  # The library's marker for "no such day" in results.
  NO_DAY = -(2**31)
  # Julian day number of 1970-01-01, day 0 of the library.
  EPOCH_JD = 2_440_588

  module_function

  # A day number (days since 1970-01-01) from a Date, a Time, ISO text ("2026-11-01",
  # "2026/1/5", a time of day ignored) or an Integer.
  def to_day(value)
    day = case value
          when Integer then value
          when Date then value.jd - EPOCH_JD
          when Time then value.to_date.jd - EPOCH_JD
          when String then return parse_date(value)
          else raise InvalidArgumentError, "cannot use #{value.class} #{value.inspect} as a day"
          end
    unless day.between?(DAY_MIN, DAY_MAX)
      raise OutOfRangeError, "day #{day} is outside #{DAY_MIN}..#{DAY_MAX} (0001-01-01..9999-12-31)"
    end

    day
  end

  # The (proleptic Gregorian) Date of a day number; nil for NO_DAY.
  def from_day(day)
    return nil if day == NO_DAY

    integer(day, "day", :int32)
    unless day.between?(DAY_MIN, DAY_MAX)
      raise OutOfRangeError, "day #{day} is outside #{DAY_MIN}..#{DAY_MAX} (0001-01-01..9999-12-31)"
    end

    Date.jd(day + EPOCH_JD, Date::GREGORIAN)
  end

  # Parse "YYYY-MM-DD" or "YYYY/M/D" with the library's rules. ParseError for text that is not a
  # date, OutOfRangeError for a day that does not exist.
  def parse_date(text)
    raw = text.b
    out = FFI::MemoryPointer.new(:int32)
    C.ltv_date_parse(raw, raw.bytesize, out)
    out.read_int32
  end

  # The day number of a calendar date, by the library's rules: OutOfRangeError for a date that
  # does not exist (2026-02-30, month 13), naming the field and its bounds.
  def day_from_ymd(year, month, day)
    out = FFI::MemoryPointer.new(:int32)
    C.ltv_date_from_ymd(integer(year, "year", :int32), integer(month, "month", :int32), integer(day, "day", :int32),
                        out)
    out.read_int32
  end

  # [year, month, day] of a day number (DAY_MIN..DAY_MAX), by the library.
  def ymd_from_day(day)
    year, month, mday = Array.new(3) { FFI::MemoryPointer.new(:int32) }
    C.ltv_date_to_ymd(integer(day, "day", :int32), year, month, mday)
    [year.read_int32, month.read_int32, mday.read_int32]
  end

  # A day number as "YYYY-MM-DD", written by the library.
  def format_day(day)
    buf = FFI::MemoryPointer.new(:char, 11)
    C.ltv_date_format(integer(day, "day", :int32), buf, 11)
    buf.read_string
  end
end
