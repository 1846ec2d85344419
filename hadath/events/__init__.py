"""Event coding: PLOVER events (type, mode, context, CAMEO) with source, target, date, place
and the evidence that states them."""
