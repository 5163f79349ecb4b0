# frozen_string_literal: true

require_relative "helper"

# Customer ids that are not UTF-8 raise Ltvcrm::EncodingError (LTV_EENCODING).
#
# Bytes tagged UTF-8 or BINARY go to the library as they are, and the library checks them
# from the version that validates ids in lib/ledger*.c; with a library that still accepts
# them, those tests are skipped (a probe on a scratch ledger tells, once per path), so the
# suite passes against both. Text in another encoding is transcoded by the gem, which raises
# EncodingError itself when the text is not valid in its own encoding.
class TestEncoding < Minitest::Test
  DAY = "2026-01-05"
  NOT_UTF8 = { "binary" => "\xFF\xFE".b, "utf-8 tagged" => (+"\xFF\xFE").force_encoding(Encoding::UTF_8) }.freeze

  ADDS = {
    add_order: ->(ledger, id) { ledger.add_order(id, DAY, 100) },
    add_event: ->(ledger, id) { ledger.add_event(id, DAY, 0, kind: :visit) },
    add_events: ->(ledger, id) { ledger.add_events(["ok", id], [DAY, DAY], amounts: [1, 2]) }
  }.freeze

  @checks = {}

  # Whether the loaded library rejects a non-UTF-8 id on this path.
  def self.library_checks?(path)
    @checks.fetch(path) do
      @checks[path] = Ltvcrm::Ledger.open do |probe|
        ADDS[path].call(probe, NOT_UTF8["binary"])
        false
      rescue Ltvcrm::EncodingError
        true
      end
    end
  end

  def test_encoding_status_maps_to_encoding_error
    error = Ltvcrm.error_for(-8, "customer id is not UTF-8")
    assert_instance_of Ltvcrm::EncodingError, error
    assert_equal [-8, "LTV_EENCODING"], [error.status, error.status_name]
  end

  ADDS.each_key do |path|
    NOT_UTF8.each do |form, id|
      define_method("test_#{path}_with_#{form.tr(' -', '__')}_bytes_that_are_not_utf8") do
        unless self.class.library_checks?(path)
          skip "libltvcrm #{Ltvcrm.library_version} at #{Ltvcrm.library_path} still accepts ids that are not UTF-8"
        end
        Ltvcrm::Ledger.open do |ledger|
          error = assert_raises(Ltvcrm::EncodingError) { ADDS[path].call(ledger, id) }
          refute_empty error.detail
          assert_equal [0, 0], [ledger.size, ledger.event_count]
          ledger.add_order("会員1", DAY, 100)
          assert_equal ["会員1"], ledger.to_a
        end
      end
    end

    define_method("test_#{path}_with_text_invalid_in_its_own_encoding") do
      bad = (+"\x82\xA0\xFF").force_encoding(Encoding::Shift_JIS) # あ, then a byte Shift_JIS lacks
      Ltvcrm::Ledger.open do |ledger|
        error = assert_raises(Ltvcrm::EncodingError) { ADDS[path].call(ledger, bad) }
        assert_includes error.detail, "Shift_JIS"
        assert_equal 0, ledger.event_count
      end
    end
  end

  def test_shift_jis_text_is_transcoded_and_binary_ascii_taken_as_is
    Ltvcrm::Ledger.open do |ledger|
      ledger.add_order("会員".encode(Encoding::Shift_JIS), DAY, 100)
      ledger.add_order("C001".b, DAY, 200)
      assert_equal %w[会員 C001], ledger.to_a
      assert_equal 0, ledger.find("会員")
    end
  end
end
