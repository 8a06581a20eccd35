//===- TraceMalloc.h - Give allocation call sites their location ---------===//
//
// The TraceMalloc pass finds every direct call to an allocation function
// (the malloc family, strdup/strndup, C++ operator new/delete) and gives the
// runtime the call site's source location as a compile-time constant: one
// tm_site record per call site in the module's site section, a module
// constructor that registers the section, and, around each allocating call,
// a store of the site's address into the runtime's thread-local site hint.
// The contract with the runtime is runtime/tm_abi.h.
//
//===----------------------------------------------------------------------===//
#ifndef TRACEMALLOC_TRACEMALLOC_H
#define TRACEMALLOC_TRACEMALLOC_H

#include "llvm/IR/PassManager.h"

namespace tracemalloc {

class TraceMallocPass : public llvm::PassInfoMixin<TraceMallocPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);

  // clang -O0 marks functions optnone; sites there must be traced too.
  static bool isRequired() { return true; }
};

} // namespace tracemalloc

#endif // TRACEMALLOC_TRACEMALLOC_H
