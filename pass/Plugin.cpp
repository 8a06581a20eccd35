//===- Plugin.cpp - Entry point of the TraceMalloc pass plugin -----------===//
//
// Registers the pass under the name `tracemalloc` for opt's -passes= and at
// the start of every clang optimisation pipeline for -fpass-plugin=.
//
//===----------------------------------------------------------------------===//
#include "Compat.h"
#include "TraceMalloc.h"

using namespace llvm;

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "TraceMalloc", LLVM_VERSION_STRING,
          [](PassBuilder &PB) {
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name != "tracemalloc")
                    return false;
                  MPM.addPass(tracemalloc::TraceMallocPass());
                  return true;
                });
            // First, so that every allocation call is seen as the source
            // wrote it, before inlining moves it or the optimizer folds it.
            tracemalloc::registerAtPipelineStart(PB, [](ModulePassManager &MPM) {
              MPM.addPass(tracemalloc::TraceMallocPass());
            });
          }};
}
