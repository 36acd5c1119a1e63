// The file a program runs as, chosen from its code (Java's public class, Scala's main object) or the user's file
// name (a Kotlin *.kts is a script), without Docker.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getLanguage } from '../../../src/core/languages/registry';

test('Scala runs as the object that holds main; words in comments and strings are not definitions', () => {
  const scala = getLanguage('scala');
  assert.equal(scala.sourceFile('object Problem {\n  // Returns true if the object q will fly.\n  def main(args: Array[String]) = {}\n}\n'), 'Problem.scala');
  assert.equal(scala.sourceFile('object A {\n  val s = "object B"\n  /* object C */\n  def main(args: Array[String]) = ()\n}\n'), 'A.scala');
  assert.equal(scala.sourceFile('object Helper\nobject Run {\n  def main(args: Array[String]) = ()\n}\n'), 'Run.scala');
  assert.equal(scala.sourceFile('object Hello extends App {\n  println(1)\n}\n'), 'Hello.scala');
  assert.equal(scala.sourceFile('println(1)\n'), 'Main.scala');
});

test('Kotlin: a user file named *.kts runs as a script (main.kts, class Main through RunScript), others as main.kt', () => {
  const kotlin = getLanguage('kotlin');
  assert.equal(kotlin.sourceFile('println(1)', '/home/u/tools/build.KTS'), 'main.kts');
  assert.equal(kotlin.sourceFile('fun main() {}', 'src/App.kt'), 'main.kt');
  assert.equal(kotlin.sourceFile('fun main() {}'), 'main.kt');
  assert.deepEqual(kotlin.compile!('main.kts').slice(-3), ['main.kts', '-d', 'classes']);
  assert.deepEqual(kotlin.run('main.kts').slice(-2), ['RunScript', 'Main']);
  assert.equal(kotlin.run('main.kt').at(-1), 'MainKt');
});
