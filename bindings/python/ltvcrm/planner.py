"""The 90-day CRM scenario planner: scenarios of dated steps, validated, saved as text, run
over a ledger (today's due actions, the channel load) and per customer (a schedule)."""

from __future__ import annotations

import ctypes
import datetime as _dt
import enum
import os
from ctypes import POINTER, byref, c_int, c_int32, c_int64, c_size_t, c_uint32, c_uint64, c_void_p
from dataclasses import dataclass, field

from . import _bulk, _ints, dates
from ._columns import np
from ._handle import Handle, Owner
from ._lib import C, raise_status, register
from .crm import Stage
from .errors import InvalidArgumentError, NotFoundError
from .segment import Rank, State, enum_value, lang_code

__all__ = ["Channel", "Trigger", "Action", "Offer", "PlatformEventKind", "Stop", "EntryStatus", "PlanProblemKind",
           "Builtin", "TimingReason", "Step", "Scenario", "PlanProblem", "DueAction", "ScheduleEntry", "Schedule",
           "Placement", "Planner", "PlatformEvents", "PlanRun", "best_gaps_from", "label", "keyword",
           "DAY_MAX", "HORIZON"]

_P, _S = c_void_p, c_size_t
_ST = "status"
register({
    "ltv_planner_new": (_ST, [POINTER(_P)]),
    "ltv_planner_new_default": (_ST, [POINTER(_P), c_int]),
    "ltv_planner_free": (None, [_P]),
    "ltv_planner_add_builtin": (_ST, [_P, c_int, c_int, POINTER(_S)]),
    "ltv_planner_set_i64": (_ST, [_P, c_int, c_int64]),
    "ltv_planner_get_i64": (_ST, [_P, c_int, POINTER(c_int64)]),
    "ltv_planner_use_segment_config": (_ST, [_P, _P]),
    "ltv_planner_set_model": (_ST, [_P, _P, c_int]),
    "ltv_planner_to_segment_config": (_ST, [_P, _P]),
    "ltv_planner_param_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
    "ltv_planner_channel_param_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
    "ltv_planner_step_field_info": (_P, [c_int, POINTER(c_int64), POINTER(c_int64)]),
    "ltv_planner_channel_set_i64": (_ST, [_P, c_int, c_int, c_int64]),
    "ltv_planner_channel_get_i64": (_ST, [_P, c_int, c_int, POINTER(c_int64)]),
    "ltv_planner_channel_set_role": (_ST, [_P, c_int, _P, _S]),
    "ltv_planner_channel_role": (_ST, [_P, c_int, POINTER(_P), POINTER(_S)]),
    "ltv_planner_add_scenario": (_ST, [_P, _P, _S, c_int, POINTER(_S)]),
    "ltv_planner_remove_scenario": (_ST, [_P, _S]),
    "ltv_planner_scenario_count": (_S, [_P]),
    "ltv_planner_scenario_info": (_ST, [_P, _S, POINTER(_P), POINTER(_S), POINTER(c_int), POINTER(_S)]),
    "ltv_planner_find_scenario": (_ST, [_P, _P, _S, POINTER(_S)]),
    "ltv_planner_add_step": (_ST, [_P, _S, _P, _S, c_int32, c_int, c_int, c_int, c_int, POINTER(_S)]),
    "ltv_planner_remove_step": (_ST, [_P, _S, _S]),
    "ltv_planner_find_step": (_ST, [_P, _S, _P, _S, POINTER(_S)]),
    "ltv_planner_step_set_i64": (_ST, [_P, _S, _S, c_int, c_int64]),
    "ltv_planner_step_get_i64": (_ST, [_P, _S, _S, c_int, POINTER(c_int64)]),
    "ltv_planner_step_set_note": (_ST, [_P, _S, _S, _P, _S]),
    "ltv_planner_step_text": (_ST, [_P, _S, _S, POINTER(_P), POINTER(_S), POINTER(_P), POINTER(_S)]),
    "ltv_planner_validate": (c_int, [_P, POINTER(_P)]),  # EVALIDATION is an answer here
    "ltv_plan_report_free": (None, [_P]),
    "ltv_plan_report_count": (_S, [_P]),
    "ltv_plan_report_problem": (_ST, [_P, _S, POINTER(c_int), POINTER(_S), POINTER(_S), POINTER(c_uint32),
                                      POINTER(_P)]),
    "ltv_planner_to_text": (_ST, [_P, POINTER(_P), POINTER(_S)]),
    "ltv_planner_save": (_ST, [_P, ctypes.c_char_p]),
    "ltv_planner_from_text": (_ST, [POINTER(_P), _P, _S]),
    "ltv_planner_load": (_ST, [POINTER(_P), ctypes.c_char_p]),
    "ltv_plan_events_new": (_ST, [POINTER(_P)]),
    "ltv_plan_events_free": (None, [_P]),
    "ltv_plan_events_add": (_ST, [_P, _P, _S, c_int, c_int32]),
    "ltv_plan_events_count": (c_uint64, [_P]),
    "ltv_plan_events_load_csv": (_ST, [_P, _P]),
    "ltv_planner_run": (_ST, [POINTER(_P), _P, _P, _P, c_int32]),
    "ltv_plan_run_free": (None, [_P]),
    "ltv_plan_run_due_count": (c_uint64, [_P]),
    "ltv_plan_run_due": (_ST, [_P, c_uint64, POINTER(c_uint64), POINTER(_S), POINTER(_S), POINTER(c_int)]),
    "ltv_plan_run_due_id": (_ST, [_P, c_uint64, POINTER(_P), POINTER(_S)]),
    "ltv_plan_run_due_columns": ("status_or_bufsize", [_P, _P, _P, _P, _P, _S, POINTER(_S)]),
    "ltv_plan_run_load": (_ST, [_P, c_int, POINTER(c_uint64), _S]),
    "ltv_planner_schedule": (_ST, [POINTER(_P), _P, _P, _P, _P, _S, c_int32]),
    "ltv_schedule_free": (None, [_P]),
    "ltv_schedule_count": (_S, [_P]),
    "ltv_schedule_entry": (_ST, [_P, _S, POINTER(_S), POINTER(_S), POINTER(c_int32), POINTER(c_int), POINTER(c_int),
                                 POINTER(c_int32)]),
    "ltv_schedule_anchor": (_ST, [_P, _S, POINTER(c_int32)]),
    "ltv_schedule_segment": (_ST, [_P, POINTER(c_int), POINTER(c_int), POINTER(c_int32)]),
    "ltv_planner_best_gaps": (_ST, [_P, _P, c_int32, POINTER(c_uint64), _S, POINTER(c_uint64)]),
    "ltv_planner_best_gaps_segmented": (_ST, [_P, _P, POINTER(c_uint64), _S, POINTER(c_uint64)]),
    "ltv_planner_place_step": (_ST, [_P, _S, _S, POINTER(c_uint64), _S, c_int, POINTER(c_int32), POINTER(c_int),
                                     POINTER(_P)]),
    "ltv_planner_label": (_P, [c_int, c_int, c_int]),
    "ltv_planner_keyword": (_P, [c_int, c_int]),
    "ltv_channel_keyword": (_P, [c_int]),
})

#: Largest day offset of a step from its anchor.
DAY_MAX = 90
#: Days of channel load computed by a run: the as-of day and the 89 after it.
HORIZON = 90
_NONE_BIT = 16  # LTV_PLAN_MASK_NONE_BIT: the mask bit (value 16) for STATE_NONE / RANK_NONE
_NO_INDEX = 2 ** (8 * ctypes.sizeof(c_size_t)) - 1
_NOT_IN_LEDGER = 2 ** 64 - 1


class Channel(enum.IntEnum):
    """Contact channels (ltv_channel)."""

    EMAIL = 0
    LINE = 1
    PACKAGE_INSERT = 2
    PHONE = 3
    POSTAL_DM = 4
    SMS = 5
    APP_PUSH = 6


class Trigger(enum.IntEnum):
    """What anchors a scenario (ltv_trigger)."""

    PURCHASE = 0
    FIRST_PURCHASE = 1
    DORMANT = 2
    CART_CREATED = 3
    PRODUCT_VIEWED = 4


class Action(enum.IntEnum):
    """The action wanted from the customer next (ltv_action)."""

    READ_CONTENT = 0
    USE_PRODUCT = 1
    SECOND_PURCHASE = 2
    REVIEW = 3
    REPURCHASE = 4
    CROSS_PURCHASE = 5
    CONTACT = 6
    JOIN_PROGRAM = 7
    COMPLETE_ORDER = 8
    REVISIT = 9
    RETURN_PURCHASE = 10
    REFER = 11


class Offer(enum.IntEnum):
    """Offer types (ltv_offer)."""

    EXPERIENCE = 0
    CONTENT = 1
    SAMPLE = 2
    DISCOUNT = 3


class PlatformEventKind(enum.IntEnum):
    """Events the shop's platform reports (ltv_platform_event)."""

    CART_CREATED = 0
    PRODUCT_VIEWED = 1


class Stop(enum.IntFlag):
    """Stop-rule bits (ltv_stop)."""

    ORDER = 1
    REFUND = 2
    CANCEL = 4
    CART = 8


class EntryStatus(enum.IntEnum):
    """Status of a schedule entry (ltv_entry_status)."""

    PASSED = 0
    DUE = 1
    PLANNED = 2
    SKIPPED = 3
    STOPPED = 4


class PlanProblemKind(enum.IntEnum):
    """Problems found by validation (ltv_plan_problem)."""

    CHANNEL_DISABLED = 1
    WEEKLY_CAP = 2
    CONTRADICTION = 3
    EMPTY_SCENARIO = 4
    NO_SCENARIO = 5


class Builtin(enum.IntEnum):
    """Built-in scenarios (ltv_builtin_scenario)."""

    DEFAULT_90_DAYS = 0
    RECOMMENDATION = 1
    CART_ABANDONMENT = 2
    BROWSE_RETARGETING = 3
    REACTIVATION = 4


class TimingReason(enum.IntEnum):
    """Why a step was placed where it is (ltv_timing_reason)."""

    FROM_DATA = 0
    TOO_FEW = 1


class StepField(enum.IntEnum):
    """Fields of a step (ltv_step_field); also the reason of a skipped schedule entry."""

    DAY = 0
    CHANNEL = 1
    STAGE = 2
    ACTION = 3
    OFFER = 4
    STATES = 5
    RANKS = 6
    MIN_ORDERS = 7
    MAX_ORDERS = 8
    BEFORE_SECOND_PURCHASE = 9
    MIN_ORDER_VALUE = 10
    STOP = 11
    ALIVE_FALLING = 12


_VOCABS = {Channel: 0, Stage: 1, Action: 2, Offer: 3, Trigger: 4, State: 5, Rank: 6, Stop: 7, EntryStatus: 8,
           StepField: 9}
_THRESHOLDS = {"dormant_days": 0, "fan_min_orders": 1, "fan_min_tenure_days": 2, "excellent_min_orders": 3,
               "semi_min_orders": 4, "timing_min_customers": 5, "timing_window_days": 6, "cancel_is_dormant": 7,
               "activity": 8, "falling_days": 9, "falling_drop_permille": 10}
# step keyword → (field, enum type or None)
_STEP_FIELDS = {"day": (StepField.DAY, None), "channel": (StepField.CHANNEL, Channel),
                "stage": (StepField.STAGE, Stage), "action": (StepField.ACTION, Action),
                "offer": (StepField.OFFER, Offer), "states": (StepField.STATES, State),
                "ranks": (StepField.RANKS, Rank), "min_orders": (StepField.MIN_ORDERS, None),
                "max_orders": (StepField.MAX_ORDERS, None),
                "before_second_purchase": (StepField.BEFORE_SECOND_PURCHASE, None),
                "min_order_value": (StepField.MIN_ORDER_VALUE, None), "stop": (StepField.STOP, Stop),
                "alive_falling": (StepField.ALIVE_FALLING, None)}


def label(value, lang="en") -> str:
    """The label of a planner value for people: ``label(Channel.PACKAGE_INSERT, "ja") == "同梱物"``."""
    vocab = _VOCABS.get(type(value))
    if vocab is None:
        raise InvalidArgumentError(f"{value!r} is not a value of the planner's vocabularies")
    ptr = C.ltv_planner_label(vocab, int(value), lang_code(lang))
    if not ptr:
        raise InvalidArgumentError(f"{value!r} has no planner label (stages, states and ranks have their own)")
    return ctypes.string_at(ptr).decode("utf-8")


def keyword(value) -> str:
    """The keyword of a planner value in the text format: ``keyword(Action.SECOND_PURCHASE)``."""
    vocab = _VOCABS.get(type(value))
    ptr = C.ltv_planner_keyword(vocab, int(value)) if vocab is not None else None
    if not ptr:
        raise InvalidArgumentError(f"{value!r} has no planner keyword")
    return ctypes.string_at(ptr).decode("ascii")


def _mask(values, enum_type) -> int:
    """A state or rank mask from a set of members/names (NONE included), an int mask or None."""
    if values is None:
        return 0
    if isinstance(values, int) and not isinstance(values, enum.Enum):
        return values
    if isinstance(values, (str, enum.Enum)):
        values = [values]
    mask = 0
    for value in values:
        code = enum_value(enum_type, value, enum_type.__name__.lower())
        mask |= _NONE_BIT if code == -1 else 1 << code
    return mask


def _unmask(mask: int, enum_type) -> frozenset:
    members = {member for member in enum_type if member >= 0 and mask & (1 << member)}
    if mask & _NONE_BIT:
        members.add(enum_type(-1))
    return frozenset(members)


def _index_or_none(value: int):
    return None if value == _NO_INDEX else value


def _encode(text: str) -> bytes:
    return text.encode("utf-8")


def _owned_text(ptr) -> str:
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        C.ltv_free(ptr)


@dataclass(frozen=True)
class Step:
    """One step of a scenario: when, through which channel, for which stage, what it asks
    for and offers, the condition (states, ranks, order counts, ...) and the stop rule.
    ``states``/``ranks`` empty mean "any"; ``max_orders`` None means no limit."""

    scenario: int
    index: int
    name: str
    day: int
    channel: Channel
    stage: Stage
    action: Action
    offer: Offer
    states: frozenset
    ranks: frozenset
    min_orders: int
    max_orders: int | None
    before_second_purchase: bool
    min_order_value: int
    stop: Stop
    note: str
    alive_falling: bool = False  # only while P(alive) is falling (Planner.set_model)


@dataclass(frozen=True)
class Scenario:
    """A scenario: its index, name, trigger and steps."""

    index: int
    name: str
    trigger: Trigger
    steps: list = field(default_factory=list)


@dataclass(frozen=True)
class PlanProblem:
    """A validation problem; scenario and step are None when the problem concerns neither."""

    kind: PlanProblemKind
    scenario: int | None
    step: int | None
    line: int
    message: str


@dataclass(frozen=True)
class DueAction:
    """An action due on the as-of day. ``customer_index`` is None for a visitor known only
    from platform events."""

    customer_index: int | None
    customer_id: str
    scenario: int
    step: int
    channel: Channel


@dataclass(frozen=True)
class ScheduleEntry:
    """One dated step of a customer's schedule. ``reason`` is the StepField whose condition
    failed (skipped) or the Stop bit that fired (stopped), else None; ``reason_day`` the day
    of the stopping event."""

    scenario: int
    step: int
    day: _dt.date
    status: EntryStatus
    reason: object
    reason_day: _dt.date | None


@dataclass(frozen=True)
class Schedule:
    """One customer's dated steps as of a day, with their state, rank and orders."""

    customer_id: str
    as_of: _dt.date
    state: State
    rank: Rank
    orders: int
    anchors: dict
    entries: list


@dataclass(frozen=True)
class Placement:
    """Where :meth:`Planner.place_step` put a step, and why."""

    day: int
    reason: TimingReason
    explanation: str


class PlatformEvents(Owner):
    """Events the shop's platform reports (carts created, products viewed), for the cart and
    browse scenarios. Customers need not be in the ledger."""

    __slots__ = ()
    _kind = "platform events"

    def __init__(self):
        out = c_void_p()
        C.ltv_plan_events_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_plan_events_free))

    def add(self, customer_id, kind, day) -> None:
        """Add one event: kind "cart_created" or "product_viewed" (or a PlatformEventKind)."""
        raw = _bulk.encode_id(customer_id)
        C.ltv_plan_events_add(self._ptr, raw, len(raw), enum_value(PlatformEventKind, kind, "platform event"),
                              dates.to_day(day))

    def add_cart(self, customer_id, day) -> None:
        self.add(customer_id, PlatformEventKind.CART_CREATED, day)

    def add_view(self, customer_id, day) -> None:
        self.add(customer_id, PlatformEventKind.PRODUCT_VIEWED, day)

    def __len__(self) -> int:
        return int(C.ltv_plan_events_count(self._ptr))

    def load_csv(self, path) -> None:
        """Add the events of a CSV file (customer_id,event,date), read by the library with the
        order log's field rules (ltv_plan_events_load_csv); errors name the line and column."""
        C.ltv_plan_events_load_csv(self._ptr, os.fsencode(path))


class PlanRun(Owner):
    """The result of running a planner over a ledger: actions due today, load per channel."""

    __slots__ = ("as_of", "ledger", "events")
    _kind = "plan run"

    def __init__(self, ptr: int, as_of: int, ledger, events):
        # The run borrows the ledger and the events for customer ids.
        keep = [ledger._handle] + ([events._handle] if events is not None else [])
        self._adopt(Handle(ptr, C.ltv_plan_run_free, *keep))
        self.as_of, self.ledger, self.events = dates.from_day(as_of), ledger, events

    def __len__(self) -> int:
        return int(C.ltv_plan_run_due_count(self._ptr))

    def due(self) -> list[DueAction]:
        """The actions due on the as-of day, by customer, then scenario, then step."""
        actions = []
        for i in range(len(self)):
            customer, scenario, step, channel = c_uint64(), c_size_t(), c_size_t(), c_int()
            C.ltv_plan_run_due(self._ptr, i, byref(customer), byref(scenario), byref(step), byref(channel))
            text, length = c_void_p(), c_size_t()
            C.ltv_plan_run_due_id(self._ptr, i, byref(text), byref(length))
            actions.append(DueAction(None if customer.value == _NOT_IN_LEDGER else customer.value,
                                     ctypes.string_at(text.value, length.value).decode("utf-8", "surrogateescape"),
                                     scenario.value, step.value, Channel(channel.value)))
        return actions

    def due_columns(self) -> dict:
        """The due actions as columns (customer index, scenario, step, channel): numpy arrays
        filled by one C call, or lists without numpy. Customers not in the ledger have the
        index 2**64 − 1."""
        count = c_size_t()
        C.ltv_plan_run_due_columns(self._ptr, None, None, None, None, 0, byref(count))
        n = count.value
        if np is not None:
            cols = {"customer": np.empty(n, np.uint64), "scenario": np.empty(n, np.uint32),
                    "step": np.empty(n, np.uint32), "channel": np.empty(n, np.uint8)}
            ptrs = [cols[k].ctypes.data if n else None for k in ("customer", "scenario", "step", "channel")]
        else:
            cols = {"customer": (c_uint64 * n)(), "scenario": (c_uint32 * n)(), "step": (c_uint32 * n)(),
                    "channel": (ctypes.c_uint8 * n)()}
            ptrs = [cols[k] if n else None for k in ("customer", "scenario", "step", "channel")]
        status = C.ltv_plan_run_due_columns(self._ptr, *ptrs, n, byref(count))
        if status < 0:
            raise_status(status)
        return cols if np is not None else {k: list(v) for k, v in cols.items()}

    def load(self, channel) -> list[int]:
        """Steps falling on each of the next HORIZON days (day 0 = the as-of day) for a channel."""
        out = (c_uint64 * HORIZON)()
        C.ltv_plan_run_load(self._ptr, enum_value(Channel, channel, "channel"), out, HORIZON)
        return list(out)

    def loads(self) -> dict:
        """:meth:`load` of every channel, by lower-case channel name."""
        return {channel.name.lower(): self.load(channel) for channel in Channel}

    def __repr__(self) -> str:
        return "<ltvcrm.PlanRun closed>" if self.closed else f"<ltvcrm.PlanRun as_of={self.as_of} due={len(self)}>"


class Planner(Owner):
    """The scenario planner (ltv_planner): channels, scenarios of steps, thresholds.

    ``Planner()`` is empty; :meth:`default` is the built-in plan a shop can start from;
    :meth:`from_text` / :meth:`load` read the text format of ``docs/planner.md``.
    Scenarios and steps are addressed by index or by name.
    """

    __slots__ = ("_model",)
    _kind = "planner"

    def __init__(self):
        out = c_void_p()
        C.ltv_planner_new(byref(out))
        self._adopt(Handle(out.value, C.ltv_planner_free))

    @classmethod
    def _from(cls, ptr: int) -> "Planner":
        planner = cls.__new__(cls)
        planner._adopt(Handle(ptr, C.ltv_planner_free))
        return planner

    @classmethod
    def default(cls, lang="en") -> "Planner":
        """The built-in planner: five channels with roles and caps, every built-in scenario."""
        out = c_void_p()
        C.ltv_planner_new_default(byref(out), lang_code(lang))
        return cls._from(out.value)

    @classmethod
    def from_text(cls, text) -> "Planner":
        """A planner from the text format (str or bytes); ParseError names line and column."""
        raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        out = c_void_p()
        C.ltv_planner_from_text(byref(out), raw, len(raw))
        return cls._from(out.value)

    @classmethod
    def load(cls, path) -> "Planner":
        """A planner from a file in the text format."""
        out = c_void_p()
        C.ltv_planner_load(byref(out), os.fsencode(path))
        return cls._from(out.value)

    def to_text(self) -> str:
        """The planner in the text format."""
        text = c_void_p()
        C.ltv_planner_to_text(self._ptr, byref(text), None)
        return _owned_text(text.value)

    def save(self, path) -> None:
        """Write the planner to a file in the text format."""
        C.ltv_planner_save(self._ptr, os.fsencode(path))

    # ---- thresholds and channels ----------------------------------------------------------

    def configure(self, **thresholds) -> "Planner":
        """Set thresholds by keyword (dormant_days, fan_min_orders, fan_min_tenure_days,
        excellent_min_orders, semi_min_orders, timing_min_customers, timing_window_days,
        cancel_is_dormant); returns self."""
        for name, value in thresholds.items():
            if name not in _THRESHOLDS:
                raise InvalidArgumentError(f"planner setting {name!r} is not one of {', '.join(_THRESHOLDS)}")
            C.ltv_planner_set_i64(self._ptr, _THRESHOLDS[name], _ints.int64(value, name, flag=True))
        return self

    def setting(self, name: str) -> int:
        if name not in _THRESHOLDS:
            raise InvalidArgumentError(f"planner setting {name!r} is not one of {', '.join(_THRESHOLDS)}")
        out = c_int64()
        C.ltv_planner_get_i64(self._ptr, _THRESHOLDS[name], byref(out))
        return out.value

    def use_segment_config(self, config=None) -> None:
        """See customers as a segmentation with these settings does (None: the defaults)."""
        C.ltv_planner_use_segment_config(self._ptr, config._ptr if config is not None else None)

    def set_model(self, fit, unit="week") -> "Planner":
        """The purchase model (a :class:`ltvcrm.Fit`, parameters in `unit`) for steps with
        ``alive_falling=True``; None detaches. The planner keeps it alive."""
        from .predict import _unit
        C.ltv_planner_set_model(self._ptr, fit._ptr if fit is not None else None, int(_unit(unit)))
        self._model = fit._handle if fit is not None else None
        return self

    def set_channel(self, channel, *, enabled: bool | None = None, weekly_cap: int | None = None,
                    role: str | None = None) -> None:
        """Enable or disable a channel, cap its touches per scenario and 7 days (0: none),
        describe its role."""
        code = enum_value(Channel, channel, "channel")
        if enabled is not None:
            C.ltv_planner_channel_set_i64(self._ptr, code, 0, _ints.int64(enabled, "enabled", flag=True))
        if weekly_cap is not None:
            C.ltv_planner_channel_set_i64(self._ptr, code, 1, _ints.int64(weekly_cap, "weekly_cap"))
        if role is not None:
            raw = _encode(role)
            C.ltv_planner_channel_set_role(self._ptr, code, raw or None, len(raw))

    def channel(self, channel) -> dict:
        """A channel's settings: {"enabled": bool, "weekly_cap": int, "role": str}."""
        code = enum_value(Channel, channel, "channel")
        enabled, cap, role, length = c_int64(), c_int64(), c_void_p(), c_size_t()
        C.ltv_planner_channel_get_i64(self._ptr, code, 0, byref(enabled))
        C.ltv_planner_channel_get_i64(self._ptr, code, 1, byref(cap))
        C.ltv_planner_channel_role(self._ptr, code, byref(role), byref(length))
        return {"enabled": bool(enabled.value), "weekly_cap": cap.value,
                "role": ctypes.string_at(role.value, length.value).decode("utf-8") if length.value else ""}

    # ---- scenarios and steps --------------------------------------------------------------

    def add_builtin(self, builtin, lang="en") -> int:
        """Add a built-in scenario; returns its index."""
        out = c_size_t()
        C.ltv_planner_add_builtin(self._ptr, enum_value(Builtin, builtin, "built-in scenario"), lang_code(lang),
                                  byref(out))
        return out.value

    def add_scenario(self, name: str, trigger="purchase") -> int:
        """Add an empty scenario; returns its index."""
        raw = _encode(name)
        out = c_size_t()
        C.ltv_planner_add_scenario(self._ptr, raw, len(raw), enum_value(Trigger, trigger, "trigger"), byref(out))
        return out.value

    def find_scenario(self, name: str) -> int:
        """A scenario's index by name; NotFoundError if there is none."""
        raw = _encode(name)
        out = c_size_t()
        C.ltv_planner_find_scenario(self._ptr, raw, len(raw), byref(out))
        return out.value

    def _scenario_index(self, scenario) -> int:
        return self.find_scenario(scenario) if isinstance(scenario, str) else _ints.size(scenario, "scenario")

    def _step_index(self, scenario: int, step) -> int:
        if not isinstance(step, str):
            return _ints.size(step, "step")
        raw = _encode(step)
        out = c_size_t()
        C.ltv_planner_find_step(self._ptr, scenario, raw, len(raw), byref(out))
        return out.value

    def remove_scenario(self, scenario) -> None:
        """Remove a scenario (by index or name); later scenarios move down by one."""
        C.ltv_planner_remove_scenario(self._ptr, self._scenario_index(scenario))

    def __len__(self) -> int:
        return int(C.ltv_planner_scenario_count(self._ptr))

    def scenario(self, scenario) -> Scenario:
        """One scenario (by index or name) with its steps."""
        index = self._scenario_index(scenario)
        name, length, trigger, steps = c_void_p(), c_size_t(), c_int(), c_size_t()
        C.ltv_planner_scenario_info(self._ptr, index, byref(name), byref(length), byref(trigger), byref(steps))
        return Scenario(index, ctypes.string_at(name.value, length.value).decode("utf-8"), Trigger(trigger.value),
                        [self.step(index, i) for i in range(steps.value)])

    def scenarios(self) -> list[Scenario]:
        """Every scenario with its steps."""
        return [self.scenario(i) for i in range(len(self))]

    def add_step(self, scenario, name: str, day: int, channel, stage, action, offer, **conditions) -> int:
        """Add a step at the end of a scenario; returns its index. Keywords set the note and
        the condition and stop rule as :meth:`update_step` does."""
        index = self._scenario_index(scenario)
        raw = _encode(name)
        out = c_size_t()
        C.ltv_planner_add_step(self._ptr, index, raw, len(raw), _ints.int32(day, "day"),
                               enum_value(Channel, channel, "channel"),
                               enum_value(Stage, stage, "stage"), enum_value(Action, action, "action"),
                               enum_value(Offer, offer, "offer"), byref(out))
        if conditions:
            self.update_step(index, out.value, **conditions)
        return out.value

    def update_step(self, scenario, step, **fields) -> None:
        """Change a step: day, channel, stage, action, offer, states (a set of State or names;
        empty = any), ranks, min_orders, max_orders (None = no limit), before_second_purchase,
        min_order_value, stop (Stop bits or names), note."""
        s = self._scenario_index(scenario)
        i = self._step_index(s, step)
        for name, value in fields.items():
            if name == "note":
                raw = _encode(value or "")
                C.ltv_planner_step_set_note(self._ptr, s, i, raw or None, len(raw))
                continue
            if name not in _STEP_FIELDS:
                raise InvalidArgumentError(f"step field {name!r} is not one of {', '.join(_STEP_FIELDS)}, note")
            code, enum_type = _STEP_FIELDS[name]
            if name in ("states", "ranks"):
                value = _mask(value, enum_type)
            elif name == "stop":
                value = _mask_stop(value)
            elif name == "max_orders" and value is None:
                value = -1
            elif enum_type is not None:
                value = enum_value(enum_type, value, name)
            C.ltv_planner_step_set_i64(self._ptr, s, i, code, _ints.int64(value, name, flag=True))

    def remove_step(self, scenario, step) -> None:
        """Remove a step; later steps move down by one."""
        s = self._scenario_index(scenario)
        C.ltv_planner_remove_step(self._ptr, s, self._step_index(s, step))

    def step(self, scenario, step) -> Step:
        """One step (by index or name)."""
        s = self._scenario_index(scenario)
        i = self._step_index(s, step)

        def get(code):
            out = c_int64()
            C.ltv_planner_step_get_i64(self._ptr, s, i, code, byref(out))
            return out.value

        name, name_len, note, note_len = c_void_p(), c_size_t(), c_void_p(), c_size_t()
        C.ltv_planner_step_text(self._ptr, s, i, byref(name), byref(name_len), byref(note), byref(note_len))
        max_orders = get(StepField.MAX_ORDERS)
        return Step(s, i, ctypes.string_at(name.value, name_len.value).decode("utf-8"), get(StepField.DAY),
                    Channel(get(StepField.CHANNEL)), Stage(get(StepField.STAGE)), Action(get(StepField.ACTION)),
                    Offer(get(StepField.OFFER)), _unmask(get(StepField.STATES), State),
                    _unmask(get(StepField.RANKS), Rank), get(StepField.MIN_ORDERS),
                    None if max_orders < 0 else max_orders, bool(get(StepField.BEFORE_SECOND_PURCHASE)),
                    get(StepField.MIN_ORDER_VALUE), Stop(get(StepField.STOP)),
                    ctypes.string_at(note.value, note_len.value).decode("utf-8") if note_len.value else "",
                    bool(get(StepField.ALIVE_FALLING)))

    # ---- validation and outputs -----------------------------------------------------------

    def validate(self) -> list[PlanProblem]:
        """The problems of the planner as a whole (empty: it can run)."""
        report = c_void_p()
        status = C.ltv_planner_validate(self._ptr, byref(report))
        try:
            if status < 0 and status != -12:
                raise_status(status)
            problems = []
            for i in range(C.ltv_plan_report_count(report.value)):
                kind, scenario, step, line, message = c_int(), c_size_t(), c_size_t(), c_uint32(), c_void_p()
                C.ltv_plan_report_problem(report.value, i, byref(kind), byref(scenario), byref(step), byref(line),
                                          byref(message))
                problems.append(PlanProblem(PlanProblemKind(kind.value), _index_or_none(scenario.value),
                                            _index_or_none(step.value), line.value,
                                            ctypes.string_at(message.value).decode("utf-8")))
            return problems
        finally:
            C.ltv_plan_report_free(report.value)

    def run(self, ledger, as_of=None, events: PlatformEvents | None = None) -> PlanRun:
        """Run over a ledger as of a day (default: the day after its last event): the actions
        due that day and each channel's load. ValidationError if the planner has problems."""
        day = ledger.default_as_of() if as_of is None else dates.to_day(as_of)
        out = c_void_p()
        C.ltv_planner_run(byref(out), self._ptr, ledger._ptr, events._ptr if events is not None else None, day)
        return PlanRun(out.value, day, ledger, events)

    def schedule(self, ledger, customer_id, as_of=None, events: PlatformEvents | None = None) -> Schedule:
        """One customer's dated steps as of a day: passed, due, planned, skipped or stopped."""
        day = ledger.default_as_of() if as_of is None else dates.to_day(as_of)
        raw = _bulk.encode_id(customer_id)
        out = c_void_p()
        C.ltv_planner_schedule(byref(out), self._ptr, ledger._ptr, events._ptr if events is not None else None,
                               raw, len(raw), day)
        try:
            entries = []
            for i in range(C.ltv_schedule_count(out.value)):
                scenario, step, when, status = c_size_t(), c_size_t(), c_int32(), c_int()
                reason, reason_day = c_int(), c_int32()
                C.ltv_schedule_entry(out.value, i, byref(scenario), byref(step), byref(when), byref(status),
                                     byref(reason), byref(reason_day))
                status = EntryStatus(status.value)
                why = None
                if status == EntryStatus.SKIPPED and reason.value >= 0:
                    why = StepField(reason.value)
                elif status == EntryStatus.STOPPED and reason.value >= 0:
                    why = Stop(reason.value)
                entries.append(ScheduleEntry(scenario.value, step.value, dates.from_day(when.value), status, why,
                                             dates.from_day(reason_day.value)))
            anchors = {}
            for s in range(len(self)):
                anchor = c_int32()
                try:
                    C.ltv_schedule_anchor(out.value, s, byref(anchor))
                except NotFoundError:
                    continue
                anchors[s] = dates.from_day(anchor.value)
            state, rank, orders = c_int(), c_int(), c_int32()
            C.ltv_schedule_segment(out.value, byref(state), byref(rank), byref(orders))
            return Schedule(raw.decode("utf-8", "surrogateescape"), dates.from_day(day), State(state.value),
                            Rank(rank.value), orders.value, anchors, entries)
        finally:
            C.ltv_schedule_free(out.value)

    def best_gaps(self, ledger, as_of=None, days: int = 91) -> tuple[list, int]:
        """The first → second purchase gaps of the best customers: (counts per gap in days,
        customers with a second order including longer gaps)."""
        day = ledger.default_as_of() if as_of is None else dates.to_day(as_of)
        days = _ints.size(days, "days")
        counts, customers = (c_uint64 * days)(), c_uint64()
        C.ltv_planner_best_gaps(self._ptr, ledger._ptr, day, counts, days, byref(customers))
        return list(counts), customers.value

    def place_step(self, scenario, step, gap_counts, lang="en") -> Placement:
        """Move a step to where the best customers re-buy (see ``docs/planner.md``)."""
        s = self._scenario_index(scenario)
        i = self._step_index(s, step)
        values = _ints.each(gap_counts, "gap_counts", _ints.UINT64)
        buf = (c_uint64 * len(values))(*values)
        day, reason, text = c_int32(), c_int(), c_void_p()
        C.ltv_planner_place_step(self._ptr, s, i, buf if values else None, len(values), lang_code(lang), byref(day),
                                 byref(reason), byref(text))
        return Placement(day.value, TimingReason(reason.value), _owned_text(text.value))

    def __repr__(self) -> str:
        return "<ltvcrm.Planner closed>" if self.closed else f"<ltvcrm.Planner scenarios={len(self)}>"


def _mask_stop(value) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return _ints.int64(value, "stop")
    if isinstance(value, str):
        value = [value]
    mask = 0
    for item in value:
        if isinstance(item, int):
            mask |= _ints.int64(item, "stop")
        elif isinstance(item, str) and item.upper() in Stop.__members__:
            mask |= Stop[item.upper()].value
        else:
            _bad_stop(item)
    return mask


def _bad_stop(item):
    raise InvalidArgumentError(f"stop rule {item!r} is not one of {', '.join(m.lower() for m in Stop.__members__)}")


def best_gaps_from(segmentation, days: int = 91) -> tuple[list, int]:
    """:meth:`Planner.best_gaps` with the best customers taken from a segmentation's ranks."""
    days = _ints.size(days, "days")
    counts, customers = (c_uint64 * days)(), c_uint64()
    C.ltv_planner_best_gaps_segmented(segmentation._ptr, segmentation.ledger._ptr, counts, days, byref(customers))
    return list(counts), customers.value
