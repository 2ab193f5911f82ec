"""The board's widgets: the map (Line API), details, orders and queue, tracks."""
