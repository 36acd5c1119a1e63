# Reads n and prints FizzBuzz from 1 to n. Its test cases are in fizzbuzz.py.cases.json:
# open the Testing view, or run "MPLSandbox: Run in Sandbox" (Ctrl+Alt+S).
n = int(input())
for i in range(1, n + 1):
    if i % 15 == 0:
        print("FizzBuzz")
    elif i % 3 == 0:
        print("Fizz")
    elif i % 5 == 0:
        print("Buzz")
    else:
        print(i)
