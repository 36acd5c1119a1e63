// A C++ program with a compile error on line 9: run it in the sandbox and look at the Problems panel.
#include <iostream>
#include <vector>

int main() {
    std::vector<int> values = {3, 1, 4, 1, 5};
    int total = 0;
    for (int v : values) total += v;
    std::cout << "total: " << totl << std::endl;
    return 0;
}
