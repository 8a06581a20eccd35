//===- Compat.h - LLVM version differences in one place ------------------===//
//
// Header moves and API changes between LLVM releases are absorbed here, so
// the pass itself reads like code for one LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef TRACEMALLOC_COMPAT_H
#define TRACEMALLOC_COMPAT_H

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"

#if LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif

namespace tracemalloc {

/// Runs \p AddPasses at the start of every optimisation pipeline, -O0
/// included.  (The callback's signature changed in LLVM 20; the helper
/// keeps the pass independent of it.)
template <typename Fn>
void registerAtPipelineStart(llvm::PassBuilder &PB, Fn AddPasses) {
  PB.registerPipelineStartEPCallback(
      [AddPasses](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
        AddPasses(MPM);
      });
}

} // namespace tracemalloc

#endif // TRACEMALLOC_COMPAT_H
