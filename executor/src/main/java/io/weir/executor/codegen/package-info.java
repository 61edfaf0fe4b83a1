/**
 * Expression compilation: {@link io.weir.executor.codegen.ExprCodeGenerator} turns a Calc's expressions
 * into Java source looping over typed Arrow vectors, {@link io.weir.executor.codegen.CalcCompiler}
 * compiles it with Janino (cached), and {@link io.weir.executor.codegen.SqlFunctions} holds the function
 * bodies the generated code calls.
 */
package io.weir.executor.codegen;
