# frozen_string_literal: true

module Ltvcrm
  bind(
    ltv_csv_options_preset: [%i[pointer string], :status], ltv_csv_preset_count: [[], :size_t],
    ltv_csv_preset_name: [[:size_t], :string], ltv_csv_preset_about: [%i[string int], :string]
  )

  # What ltv_csv_preset_about tells, in code order (ltv_csv_preset_info).
  PRESET_INFO = %i[platform source warning].freeze

  # A platform preset: its name, the export it reads, the page documenting it, and what the
  # export cannot tell (Amazon: who the buyer is), to show next to results; nil if nothing.
  Preset = Struct.new(:name, :platform, :source, :warning, keyword_init: true)

  module_function

  # The preset called +name+; InvalidArgumentError if there is none.
  def preset_info(name)
    about = ->(what) { C.ltv_csv_preset_about(name.to_s, PRESET_INFO.index(what))&.dup&.force_encoding(Encoding::UTF_8) }
    platform = about.call(:platform)
    raise InvalidArgumentError, "#{name.inspect} is not a preset (#{presets.map(&:name).join(', ')})" if platform.nil?

    Preset.new(name: name.to_s, platform: platform, source: about.call(:source), warning: about.call(:warning))
  end

  # Every preset the library has, in its order.
  def presets
    Array.new(C.ltv_csv_preset_count) { |i| preset_info(C.ltv_csv_preset_name(i)) }
  end
end
