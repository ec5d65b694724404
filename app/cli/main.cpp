#include <cstdio>
int main() { std::puts("mcunet: CLI under construction"); return 0; }
