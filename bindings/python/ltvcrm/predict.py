"""Predictive CLV (ltvcrm/predict.h): BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma fits, and
per-customer P(alive), expected orders, CLV and the next order's date as numpy columns.

>>> data = PredictData.from_ledger(ledger, calibration_end="1997-09-30", holdout_end="1998-06-30")
>>> bg = Fit(data, "bgnbd"); gg = Fit(data, "gammagamma")
>>> pred = predict(bg, data, spend_fit=gg, horizon=39)
>>> pred.p_alive, pred.clv     # numpy arrays in ledger index order, without copying

Every number is computed by the C library; this module only converts arguments and results.
"""

from __future__ import annotations

import ctypes
import enum
from ctypes import POINTER, byref, c_double, c_int, c_int32, c_size_t, c_uint64, c_void_p

from . import _ints, dates
from ._columns import borrowed_column, np
from ._handle import Handle, Owner
from ._lib import C, register
from .errors import InvalidArgumentError, StateError

__all__ = ["TimeUnit", "Model", "DiscountMode", "PredictData", "Fit", "Prediction", "predict"]

_P, _D, _S = c_void_p, c_double, c_size_t
_STATUS = "status"
register({
    "ltv_predict_data_from_ledger": (_STATUS, [POINTER(_P), _P, c_int, c_int32, c_int32]),
    "ltv_predict_data_from_summary": (_STATUS, [POINTER(_P), _S, POINTER(_D), POINTER(_D), POINTER(_D), POINTER(_D),
                                                POINTER(_D), _D]),
    "ltv_predict_data_free": (None, [_P]),
    "ltv_predict_data_info_get": (_STATUS, [_P, _P, _S]),
    "ltv_predict_fit_new": (_STATUS, [POINTER(_P), _P, c_int]),
    "ltv_predict_fit_from_params": (_STATUS, [POINTER(_P), c_int, POINTER(_D), _S]),
    "ltv_predict_fit_free": (None, [_P]),
    "ltv_predict_fit_info_get": (_STATUS, [_P, _P, _S]),
    "ltv_predict_log_likelihood": (_STATUS, [_P, _P, POINTER(_D)]),
    "ltv_predict_p_alive": (_STATUS, [_P, _D, _D, _D, POINTER(_D)]),
    "ltv_predict_expected": (_STATUS, [_P, _D, _D, _D, _D, POINTER(_D)]),
    "ltv_predict_population": (_STATUS, [_P, _D, POINTER(_D)]),
    "ltv_predict_pmf": (_STATUS, [_P, _D, _D, _D, _D, POINTER(_D), _S]),
    "ltv_predict_spend": (_STATUS, [_P, _D, _D, POINTER(_D)]),
    "ltv_predict_options_new": (_STATUS, [POINTER(_P)]),
    "ltv_predict_options_free": (None, [_P]),
    "ltv_predict_options_set": (_STATUS, [_P, c_int, _D]),
    "ltv_predict_run": (_STATUS, [POINTER(_P), _P, _P, _P, _P]),
    "ltv_prediction_free": (None, [_P]),
    "ltv_prediction_count": (c_uint64, [_P]),
    "ltv_prediction_column": (_STATUS, [_P, c_int, POINTER(_P), POINTER(_S)]),
    "ltv_predict_diagnostics": (_STATUS, [_P, _P, c_int, c_int, c_int, POINTER(_P), POINTER(_S)]),
    "ltv_predict_diagnostics_values": (_STATUS, [_P, _P, c_int, c_int, POINTER(_P), POINTER(_S), POINTER(_S)]),
    "ltv_predict_param_name": (_P, [c_int, c_int]),
    "ltv_predict_model_name": (_P, [c_int]),
})


class TimeUnit(enum.IntEnum):
    """Time units (ltv_time_unit)."""

    DAY = 0
    WEEK = 1
    MONTH = 2


class Model(enum.IntEnum):
    """Models (ltv_predict_model)."""

    BGNBD = 0
    PARETO_NBD = 1
    MBGNBD = 2
    GAMMA_GAMMA = 3


class DiscountMode(enum.IntEnum):
    """Discounting of CLV (ltv_discount_mode)."""

    DISCRETE = 0
    CONTINUOUS = 1


_OPTIONS = {"horizon": 0, "discount_mode": 1, "discount_rate": 2, "discount_period": 3, "columns": 4}
_DIAGNOSTICS = {"bins": 0, "tracking": 1}
_MODEL_WORDS = {"bgnbd": Model.BGNBD, "pareto": Model.PARETO_NBD, "pareto_nbd": Model.PARETO_NBD,
                "mbgnbd": Model.MBGNBD, "gammagamma": Model.GAMMA_GAMMA, "gamma_gamma": Model.GAMMA_GAMMA}

# name: (ltv_predict_column value, numpy type string)
COLUMNS = {"in_calibration": (0, "u1"), "x": (1, "f8"), "t_x": (2, "f8"), "T": (3, "f8"), "mean_spend": (4, "f8"),
           "holdout_x": (5, "f8"), "p_alive": (6, "f8"), "expected": (7, "f8"), "p_none": (8, "f8"),
           "expected_spend": (9, "f8"), "discounted": (10, "f8"), "clv": (11, "f8"), "next_order_day": (12, "i4"),
           "holdout_expected": (13, "f8")}


class _CDataInfo(ctypes.Structure):
    _fields_ = [("customers", c_uint64), ("repeaters", c_uint64), ("spend_customers", c_uint64),
                ("after_calibration", c_uint64), ("tuples", c_uint64), ("repeat_transactions", c_double),
                ("holdout_transactions", c_double), ("holdout_length", c_double), ("unit", c_int32),
                ("calibration_end", c_int32), ("holdout_end", c_int32), ("first_day", c_int32)]


class _CFitInfo(ctypes.Structure):
    _fields_ = [("model", c_int32), ("param_count", c_int32), ("params", c_double * 4),
                ("std_errors", c_double * 4), ("log_likelihood", c_double), ("aic", c_double),
                ("observations", c_double), ("iterations", c_int32), ("std_errors_valid", c_int32)]


def _model(value) -> Model:
    if isinstance(value, str):
        try:
            return _MODEL_WORDS[value.lower().replace("/", "").replace("-", "_")]
        except KeyError:
            raise InvalidArgumentError(f"model {value!r} is not one of bgnbd, pareto, mbgnbd, gammagamma") from None
    return Model(value)


def _param_name(model: int, index: int) -> str:
    return ctypes.string_at(C.ltv_predict_param_name(model, index)).decode("ascii")


def _unit(value) -> TimeUnit:
    return TimeUnit[value.upper()] if isinstance(value, str) else TimeUnit(value)


def _doubles(values, name: str, n: int | None = None):
    """A C double array (and a keep-alive) from a sequence or numpy array."""
    if np is not None:
        arr = np.ascontiguousarray(values, dtype=np.float64)
        if arr.ndim != 1:
            raise InvalidArgumentError(f"{name} must be one-dimensional")
        if n is not None and len(arr) != n:
            raise InvalidArgumentError(f"{name} has {len(arr)} values, not {n}")
        return arr.ctypes.data_as(POINTER(c_double)), arr, len(arr)
    seq = [float(v) for v in values]
    if n is not None and len(seq) != n:
        raise InvalidArgumentError(f"{name} has {len(seq)} values, not {n}")
    buf = (c_double * max(len(seq), 1))(*seq)
    return ctypes.cast(buf, POINTER(c_double)), buf, len(seq)


class PredictData(Owner):
    """Sufficient statistics (x, t_x, T, mean spend) of a customer base (ltv_predict_data)."""

    __slots__ = ("ledger",)
    _kind = "predict data"

    def __init__(self, ptr: int, ledger=None):
        self._adopt(Handle(ptr, C.ltv_predict_data_free, *( [ledger._handle] if ledger is not None else [])))
        self.ledger = ledger

    @classmethod
    def from_ledger(cls, ledger, calibration_end, holdout_end=None, unit="week") -> "PredictData":
        """Statistics of a ledger: calibration up to and including `calibration_end`, an
        optional holdout up to and including `holdout_end` (dates, ISO text or day numbers)."""
        out = c_void_p()
        hold = dates.NO_DAY if holdout_end is None else dates.to_day(holdout_end)
        C.ltv_predict_data_from_ledger(byref(out), ledger._ptr, int(_unit(unit)), dates.to_day(calibration_end), hold)
        return cls(out.value, ledger)

    @classmethod
    def from_summary(cls, x, t_x, T, mean_spend=None, holdout_x=None, holdout_length: float = 0.0) -> "PredictData":
        """Statistics given per customer, as lifetimes' summary table (frequency, recency, T)."""
        px, kx, n = _doubles(x, "x")
        ptx, ktx, _ = _doubles(t_x, "t_x", n)
        pT, kT, _ = _doubles(T, "T", n)
        pm, km = (None, None) if mean_spend is None else _doubles(mean_spend, "mean_spend", n)[:2]
        ph, kh = (None, None) if holdout_x is None else _doubles(holdout_x, "holdout_x", n)[:2]
        out = c_void_p()
        C.ltv_predict_data_from_summary(byref(out), n, px, ptx, pT, pm, ph, float(holdout_length))
        del kx, ktx, kT, km, kh
        return cls(out.value)

    @property
    def info(self) -> dict:
        """customers, repeaters, spend_customers, after_calibration, tuples, repeat_transactions,
        holdout_transactions, holdout_length, unit, calibration_end, holdout_end, first_day."""
        out = _CDataInfo()
        C.ltv_predict_data_info_get(self._ptr, byref(out), ctypes.sizeof(out))
        return {name: getattr(out, name) for name, _ in _CDataInfo._fields_}


class Fit(Owner):
    """A fitted (or given) model (ltv_predict_fit)."""

    __slots__ = ()
    _kind = "fit"

    def __init__(self, data: PredictData | None = None, model="bgnbd", *, _ptr: int | None = None):
        if _ptr is None:
            if data is None:
                raise InvalidArgumentError("Fit needs data (or use Fit.from_params)")
            out = c_void_p()
            C.ltv_predict_fit_new(byref(out), data._ptr, int(_model(model)))
            _ptr = out.value
        self._adopt(Handle(_ptr, C.ltv_predict_fit_free))

    @classmethod
    def from_params(cls, model, params) -> "Fit":
        """A model with given parameters, in the model's order (r, alpha, a, b / r, alpha, s,
        beta / p, q, gamma)."""
        values = [float(p) for p in params]
        buf = (c_double * max(len(values), 1))(*values)
        out = c_void_p()
        C.ltv_predict_fit_from_params(byref(out), int(_model(model)), buf, len(values))
        return cls(_ptr=out.value)

    def _info(self) -> _CFitInfo:
        out = _CFitInfo()
        C.ltv_predict_fit_info_get(self._ptr, byref(out), ctypes.sizeof(out))
        return out

    @property
    def model(self) -> Model:
        return Model(self._info().model)

    @property
    def params(self) -> dict:
        """Parameters by name."""
        info = self._info()
        return {_param_name(info.model, i): info.params[i] for i in range(info.param_count)}

    @property
    def std_errors(self) -> dict | None:
        """Standard errors by name, or None when the Hessian was not negative definite."""
        info = self._info()
        if not info.std_errors_valid:
            return None
        return {_param_name(info.model, i): info.std_errors[i] for i in range(info.param_count)}

    @property
    def log_likelihood(self) -> float:
        return self._info().log_likelihood

    @property
    def aic(self) -> float:
        return self._info().aic

    def log_likelihood_on(self, data: PredictData) -> float:
        """The log-likelihood of these parameters on other data."""
        out = c_double()
        C.ltv_predict_log_likelihood(self._ptr, data._ptr, byref(out))
        return out.value

    def p_alive(self, x: float, t_x: float, T: float) -> float:
        out = c_double()
        C.ltv_predict_p_alive(self._ptr, x, t_x, T, byref(out))
        return out.value

    def expected(self, x: float, t_x: float, T: float, t: float) -> float:
        """E[Y(t) | x, t_x, T]: expected purchase occasions in the next t."""
        out = c_double()
        C.ltv_predict_expected(self._ptr, x, t_x, T, t, byref(out))
        return out.value

    def population(self, t: float) -> float:
        """E[X(t)] of a new customer."""
        out = c_double()
        C.ltv_predict_population(self._ptr, t, byref(out))
        return out.value

    def pmf(self, x: float, t_x: float, T: float, t: float, count: int) -> list:
        """P(Y(t) = n | x, t_x, T) for n = 0 .. count - 1."""
        count = _ints.checked(count, "count", _ints.SIZE)
        buf = (c_double * max(count, 1))()
        C.ltv_predict_pmf(self._ptr, x, t_x, T, t, buf, count)
        return list(buf)[:count]

    def spend(self, x: float, mean_spend: float) -> float:
        """Gamma-Gamma: expected spend per order of a customer with x repeats of this mean."""
        out = c_double()
        C.ltv_predict_spend(self._ptr, x, mean_spend, byref(out))
        return out.value

    def diagnostics(self, data: PredictData, kind: str = "bins", bins: int = 8, format: str = "csv") -> str:
        """A diagnostic table as CSV or JSON text: "bins" (holdout by calibration frequency)
        or "tracking" (repeat occasions per unit, actual vs expected, and E[X(t)])."""
        if kind not in _DIAGNOSTICS or format not in ("csv", "json"):
            raise InvalidArgumentError("kind is bins or tracking, format csv or json")
        text, length = c_void_p(), c_size_t()
        C.ltv_predict_diagnostics(self._ptr, data._ptr, _DIAGNOSTICS[kind], bins, 0 if format == "csv" else 1,
                                  byref(text), byref(length))
        try:
            return ctypes.string_at(text.value, length.value).decode("utf-8")
        finally:
            C.ltv_free(text)

    def diagnostics_values(self, data: PredictData, kind: str = "bins", bins: int = 8):
        """The same table as numbers, one row per bin or period: a 2-D numpy array (a list of
        lists without numpy). The first column is the bin's x or the period's last day number;
        the others are those of :meth:`diagnostics`."""
        if kind not in _DIAGNOSTICS:
            raise InvalidArgumentError("kind is bins or tracking")
        values, rows, cols = c_void_p(), c_size_t(), c_size_t()
        C.ltv_predict_diagnostics_values(self._ptr, data._ptr, _DIAGNOSTICS[kind], bins, byref(values), byref(rows),
                                         byref(cols))
        try:
            flat = (c_double * (rows.value * cols.value)).from_address(values.value) if rows.value else []
            table = [list(flat[r * cols.value:(r + 1) * cols.value]) for r in range(rows.value)]
        finally:
            C.ltv_free(values)
        return np.array(table, dtype=float).reshape(rows.value, cols.value) if np is not None else table

    def __repr__(self) -> str:
        if self.closed:
            return "<ltvcrm.Fit closed>"
        return f"<ltvcrm.Fit {self.model.name} {self.params}>"


class Prediction(Owner):
    """Per-customer predictions (ltv_prediction): numpy columns without copying (lists
    without numpy), by :meth:`column` or as attributes: """ + ", ".join(COLUMNS) + "."

    __slots__ = ()
    _kind = "prediction"

    def __init__(self, ptr: int, keep):
        self._adopt(Handle(ptr, C.ltv_prediction_free, *keep))

    def __len__(self) -> int:
        return int(C.ltv_prediction_count(self._ptr))

    def column(self, name: str):
        try:
            code, typestr = COLUMNS[name]
        except KeyError:
            raise InvalidArgumentError(f"column {name!r} is not one of {', '.join(COLUMNS)}") from None
        data, length = c_void_p(), c_size_t()
        C.ltv_prediction_column(self._ptr, code, byref(data), byref(length))
        return borrowed_column(self._handle, data.value or 0, length.value, typestr)

    def columns(self) -> dict:
        """The columns computed (all, unless :func:`predict` was given ``columns=``)."""
        out = {}
        for name in COLUMNS:
            try:
                out[name] = self.column(name)
            except StateError:  # left out by columns=
                pass
        return out

    def __getattr__(self, name: str):
        if name in COLUMNS:
            return self.column(name)
        raise AttributeError(name)


def options(*, horizon: float | None = None, discount: float = 0.0, discount_mode="discrete",
            discount_period: float | None = None, columns=None) -> Handle:
    """Settings of ltv_predict_run as an owned handle (``.ptr``), for :func:`predict` and
    :meth:`ltvcrm.SegmentConfig.set_model`. ``columns``: names of :data:`COLUMNS` to compute
    (LTV_PREDICT_COLUMNS), or None for all."""
    out = c_void_p()
    C.ltv_predict_options_new(byref(out))
    opts = Handle(out.value, C.ltv_predict_options_free)
    mode = DiscountMode[discount_mode.upper()] if isinstance(discount_mode, str) else DiscountMode(discount_mode)
    C.ltv_predict_options_set(opts.ptr, _OPTIONS["discount_mode"], float(mode))
    C.ltv_predict_options_set(opts.ptr, _OPTIONS["discount_rate"], float(discount))
    if horizon is not None:
        C.ltv_predict_options_set(opts.ptr, _OPTIONS["horizon"], float(horizon))
    if discount_period is not None:
        C.ltv_predict_options_set(opts.ptr, _OPTIONS["discount_period"], float(discount_period))
    if columns is not None:
        unknown = [name for name in columns if name not in COLUMNS]
        if unknown:
            raise InvalidArgumentError(f"column {unknown[0]!r} is not one of {', '.join(COLUMNS)}")
        mask = sum(1 << COLUMNS[name][0] for name in set(columns))
        C.ltv_predict_options_set(opts.ptr, _OPTIONS["columns"], float(mask))
    return opts


def predict(fit: Fit, data: PredictData, spend_fit: Fit | None = None, *, horizon: float | None = None,
            discount: float = 0.0, discount_mode="discrete", discount_period: float | None = None,
            columns=None) -> Prediction:
    """Per-customer predictions (ltv_predict_run); see docs/predict.md for the definitions.
    ``columns``: the names to compute (the others are not allocated), or None for all."""
    opts = options(horizon=horizon, discount=discount, discount_mode=discount_mode, discount_period=discount_period,
                   columns=columns)
    out = c_void_p()
    C.ltv_predict_run(byref(out), fit._ptr, spend_fit._ptr if spend_fit is not None else None, data._ptr, opts.ptr)
    keep = [data._handle] + ([data.ledger._handle] if data.ledger is not None else [])
    return Prediction(out.value, keep)
