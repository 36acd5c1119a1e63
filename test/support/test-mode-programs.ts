// Test files for each test-framework mode (SandboxFusion's pytest, jest, junit, go_test): all passing, 1 of 3
// failing (the second, on a known line), a syntax error on a known line, a test that never ends. Shared by the
// service's and the CLI's Docker tests.
import type { TestModeId } from '../../src/core/languages/test-modes';

export interface ModePrograms {
  /** A file name the CLI tests write the programs under. */
  fileName: string;
  passing: string;
  /** The second of three tests fails; `failingLine` is the line its failure points at, `failingName` its name. */
  oneFailing: string;
  failingName: string;
  failingLine: number;
  syntaxError: string;
  syntaxLine: number;
  endless: string;
}

export const MODE_PROGRAMS: Record<TestModeId, ModePrograms> = {
  pytest: {
    fileName: 'test_calc.py',
    passing: ['def add(a, b):', '    return a + b', '', 'def test_add():', '    assert add(1, 2) == 3', '', 'def test_zero():', '    assert add(0, 0) == 0', ''].join('\n'),
    oneFailing: ['def add(a, b):', '    return a + b', '', 'def test_one():', '    assert add(1, 1) == 2', '', 'def test_two():', '    assert add(1, 2) == 4', '', 'def test_three():', '    assert add(2, 2) == 4', ''].join('\n'),
    failingName: 'test_two',
    failingLine: 8,
    syntaxError: ['def test_one():', '    assert True', '', 'def test_two(:', '    pass', ''].join('\n'),
    syntaxLine: 4,
    endless: ['def test_forever():', '    while True:', '        pass', ''].join('\n'),
  },
  jest: {
    fileName: 'calc.test.js',
    passing: ['const add = (a, b) => a + b;', '', "test('adds', () => {", '  expect(add(1, 2)).toBe(3);', '});', '', "test('zero', () => {", '  expect(add(0, 0)).toBe(0);', '});', ''].join('\n'),
    oneFailing: [
      'const add = (a, b) => a + b;', '', "test('adds one and one', () => {", '  expect(add(1, 1)).toBe(2);', '});', '',
      "test('adds one and two', () => {", '  expect(add(1, 2)).toBe(4);', '});', '', "test('adds two and two', () => {", '  expect(add(2, 2)).toBe(4);', '});', '',
    ].join('\n'),
    failingName: 'adds one and two',
    failingLine: 8,
    syntaxError: ["test('ok', () => {", '  expect(1).toBe(1);', '});', "test('broken', () => {", '  expect(1).toBe(1;', '});', ''].join('\n'),
    syntaxLine: 5,
    endless: ["test('forever', () => {", '  for (;;) {}', '});', ''].join('\n'),
  },
  junit: {
    fileName: 'CalcTest.java',
    passing: [
      'import static org.junit.jupiter.api.Assertions.assertEquals;', 'import org.junit.jupiter.api.Test;', '',
      'public class CalcTest {', '    static int add(int a, int b) { return a + b; }', '', '    @Test', '    void adds() { assertEquals(3, add(1, 2)); }', '',
      '    @Test', '    void zero() { assertEquals(0, add(0, 0)); }', '}', '',
    ].join('\n'),
    oneFailing: [
      'import static org.junit.jupiter.api.Assertions.assertEquals;', 'import org.junit.jupiter.api.Test;', '',
      'public class CalcTest {', '    static int add(int a, int b) { return a + b; }', '', '    @Test', '    void one() { assertEquals(2, add(1, 1)); }', '',
      '    @Test', '    void two() { assertEquals(4, add(1, 2)); }', '', '    @Test', '    void three() { assertEquals(4, add(2, 2)); }', '}', '',
    ].join('\n'),
    failingName: 'two()',
    failingLine: 11,
    syntaxError: ['import org.junit.jupiter.api.Test;', '', 'public class CalcTest {', '    @Test', '    void broken() { int x = 1 }', '}', ''].join('\n'),
    syntaxLine: 5,
    endless: ['import org.junit.jupiter.api.Test;', '', 'public class CalcTest {', '    @Test', '    void forever() { while (true) {} }', '}', ''].join('\n'),
  },
  go_test: {
    fileName: 'calc_test.go',
    passing: [
      'package main', '', 'import "testing"', '', 'func add(a, b int) int { return a + b }', '',
      'func TestAdd(t *testing.T) {', '\tif add(1, 2) != 3 {', '\t\tt.Fatal("1+2")', '\t}', '}', '', 'func TestZero(t *testing.T) {', '\tif add(0, 0) != 0 {', '\t\tt.Fatal("0+0")', '\t}', '}', '',
    ].join('\n'),
    oneFailing: [
      'package main', '', 'import "testing"', '', 'func add(a, b int) int { return a + b }', '',
      'func TestOne(t *testing.T) {', '\tif add(1, 1) != 2 {', '\t\tt.Fatal("1+1")', '\t}', '}', '',
      'func TestTwo(t *testing.T) {', '\tif got := add(1, 2); got != 4 {', '\t\tt.Errorf("add(1, 2) = %d, want 4", got)', '\t}', '}', '',
      'func TestThree(t *testing.T) {', '\tif add(2, 2) != 4 {', '\t\tt.Fatal("2+2")', '\t}', '}', '',
    ].join('\n'),
    failingName: 'TestTwo',
    failingLine: 15,
    syntaxError: ['package main', '', 'import "testing"', '', 'func TestBroken(t *testing.T) {', '\tx := ', '}', ''].join('\n'),
    syntaxLine: 7,
    endless: ['package main', '', 'import "testing"', '', 'func TestForever(t *testing.T) {', '\tfor {', '\t}', '}', ''].join('\n'),
  },
};
