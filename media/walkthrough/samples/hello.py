# A first program for the sandbox: run it with "MPLSandbox: Run in Sandbox" (Ctrl+Alt+S).
import platform
import sys

print(f"Hello from Python {platform.python_version()} inside the sandbox!")
squares = [n * n for n in range(1, 11)]
print("squares:", squares)
print("sum:", sum(squares))
print("this line goes to stderr", file=sys.stderr)
