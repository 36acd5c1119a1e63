// A program that asks for input: try "MPLSandbox: Run in Sandbox (Interactive)".
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	reader := bufio.NewReader(os.Stdin)
	fmt.Print("What is your name? ")
	name, _ := reader.ReadString('\n')
	fmt.Print("How old are you? ")
	var age int
	fmt.Fscan(reader, &age)
	fmt.Printf("Hello, %s! Next year you will be %d.\n", strings.TrimSpace(name), age+1)
}
