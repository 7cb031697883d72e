"""The class-based optimization model: aggregate, build on OR-Tools MathOpt, solve, disaggregate."""
