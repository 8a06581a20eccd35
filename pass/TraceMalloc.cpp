//===- TraceMalloc.cpp - Give allocation call sites their location -------===//
//
// For each direct call to an allocation function this pass emits
//
//   @__tm_site.N = private global %tm_site { 0, kind, flags, line, column,
//                                            file, directory, function },
//                  section "__tm_sites"
//
// and rewrites the call into
//
//   %on = load atomic unordered i8, ptr @__tm_tracing ; the runtime's
//   br (icmp ne %on, 0), label %set, label %call
// set:
//   %old = load volatile ptr, ptr @__tm_site_hint    ; thread-local
//   store volatile (select (icmp eq %old, null), @__tm_site.N, %old),
//                  @__tm_site_hint                   ; outermost site wins
//   (and the same select for @__tm_site_frame, with this frame's address)
// call:
//   %r = call @malloc(...)
//   br (icmp ne %on, 0), label %restore, label %done
// restore:
//   store volatile %old, @__tm_site_hint
// done:
//   call void asm sideeffect "", "r"(ptr %r)         ; keeps the allocation
//
// A program that is not tracing pays a load, a test and two branches per
// call: the hint is read only while tracing.  The flag's load is unordered,
// so the optimizer may hoist it out of a loop whose calls cannot start
// tracing: an allocation made after tracing started in another thread is
// then attributed by its return address, to the same line.
//
// The hint's accesses are volatile because the optimizer knows malloc
// touches no memory of the program (memory(inaccessiblemem)) and would
// otherwise delete the stores as dead: the runtime reading the hint is
// invisible to it.
//
// The empty asm that reads the result keeps every allocation the source
// makes: the optimizer would otherwise delete one whose result looks unused
// (`char *s = strdup("x"); return s == NULL;`, a new/delete pair), so the
// report matches the source at every optimisation level.  The call itself
// stays direct, with its attributes: alias analysis, `allocsize` and so
// _FORTIFY_SOURCE keep working.  A fold that replaces the call by another
// at the same place (strdup of a constant into malloc + memcpy) keeps the
// hint around it.
//
// A call that may throw (operator new) and has no handler in its function
// becomes an invoke whose cleanup restores the hint and resumes unwinding.
//
// A deallocation call gets a site record too (the module's inventory of
// allocation sites is complete) but no hint: freeing needs no site.
//
// A site whose function may return the call's result (through casts,
// constant offsets, PHIs, selects and plain locals) is flagged
// TM_SITE_RETURNED: the function wraps the allocation, and the runtime
// charges its caller.  A call whose result is returned but whose callee
// the pass cannot see (another module's function, a function pointer)
// gets a TM_KIND_FORWARD record and no hint: a wrapper's caller found at
// its line is a wrapper too.  -tracemalloc-auto-wrapper=false (tmcc
// -ftm-no-auto-wrapper) turns both off.
//
// One COMDAT module constructor per linked object hands the whole section,
// [__start___tm_sites, __stop___tm_sites), to the runtime with the ABI
// version.  Names and layout come from runtime/tm_abi.h.
//
//===----------------------------------------------------------------------===//
#include "TraceMalloc.h"

#include "tm_abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/EHPersonalities.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "tracemalloc"

static llvm::cl::list<std::string> ExtraWrappers(
    "tracemalloc-wrapper", llvm::cl::CommaSeparated,
    llvm::cl::desc("Functions that wrap an allocator: their callers are the "
                   "allocation sites (tmcc -ftm-wrapper=)"));

static llvm::cl::opt<bool> AutoWrappers(
    "tracemalloc-auto-wrapper", llvm::cl::init(true),
    llvm::cl::desc("Charge an allocation whose result its function returns "
                   "to that function's caller (tmcc -ftm-no-auto-wrapper "
                   "turns it off)"));

STATISTIC(NumAllocSites, "Allocation call sites instrumented");
STATISTIC(NumReturnedSites, "Allocation sites whose result is returned");
STATISTIC(NumForwardingCalls, "Calls whose result is returned, recorded");
STATISTIC(NumFreeSites, "Deallocation call sites recorded");

namespace tracemalloc {
namespace {

/// What TargetLibraryInfo's LibFunc means to the runtime.
tm_site_kind kindOfLibFunc(LibFunc F) {
  switch (F) {
  case LibFunc_malloc:
    return TM_KIND_MALLOC;
  case LibFunc_calloc:
    return TM_KIND_CALLOC;
  case LibFunc_realloc:
    return TM_KIND_REALLOC;
  case LibFunc_free:
    return TM_KIND_FREE;
  case LibFunc_aligned_alloc:
    return TM_KIND_ALIGNED_ALLOC;
  case LibFunc_posix_memalign:
    return TM_KIND_POSIX_MEMALIGN;
  case LibFunc_memalign:
    return TM_KIND_MEMALIGN;
  case LibFunc_valloc:
    return TM_KIND_VALLOC;
  case LibFunc_strdup:
  case LibFunc_dunder_strdup:
    return TM_KIND_STRDUP;
  case LibFunc_strndup:
  case LibFunc_dunder_strndup:
    return TM_KIND_STRNDUP;
  case LibFunc_Znwj:
  case LibFunc_ZnwjRKSt9nothrow_t:
  case LibFunc_ZnwjSt11align_val_t:
  case LibFunc_ZnwjSt11align_val_tRKSt9nothrow_t:
  case LibFunc_Znwm:
  case LibFunc_Znwm12__hot_cold_t:
  case LibFunc_ZnwmRKSt9nothrow_t:
  case LibFunc_ZnwmRKSt9nothrow_t12__hot_cold_t:
  case LibFunc_ZnwmSt11align_val_t:
  case LibFunc_ZnwmSt11align_val_t12__hot_cold_t:
  case LibFunc_ZnwmSt11align_val_tRKSt9nothrow_t:
  case LibFunc_ZnwmSt11align_val_tRKSt9nothrow_t12__hot_cold_t:
    return TM_KIND_NEW;
  case LibFunc_Znaj:
  case LibFunc_ZnajRKSt9nothrow_t:
  case LibFunc_ZnajSt11align_val_t:
  case LibFunc_ZnajSt11align_val_tRKSt9nothrow_t:
  case LibFunc_Znam:
  case LibFunc_Znam12__hot_cold_t:
  case LibFunc_ZnamRKSt9nothrow_t:
  case LibFunc_ZnamRKSt9nothrow_t12__hot_cold_t:
  case LibFunc_ZnamSt11align_val_t:
  case LibFunc_ZnamSt11align_val_t12__hot_cold_t:
  case LibFunc_ZnamSt11align_val_tRKSt9nothrow_t:
  case LibFunc_ZnamSt11align_val_tRKSt9nothrow_t12__hot_cold_t:
    return TM_KIND_NEW_ARRAY;
  case LibFunc_ZdlPv:
  case LibFunc_ZdlPvRKSt9nothrow_t:
  case LibFunc_ZdlPvSt11align_val_t:
  case LibFunc_ZdlPvSt11align_val_tRKSt9nothrow_t:
  case LibFunc_ZdlPvj:
  case LibFunc_ZdlPvjSt11align_val_t:
  case LibFunc_ZdlPvm:
  case LibFunc_ZdlPvmSt11align_val_t:
    return TM_KIND_DELETE;
  case LibFunc_ZdaPv:
  case LibFunc_ZdaPvRKSt9nothrow_t:
  case LibFunc_ZdaPvSt11align_val_t:
  case LibFunc_ZdaPvSt11align_val_tRKSt9nothrow_t:
  case LibFunc_ZdaPvj:
  case LibFunc_ZdaPvjSt11align_val_t:
  case LibFunc_ZdaPvm:
  case LibFunc_ZdaPvmSt11align_val_t:
    return TM_KIND_DELETE_ARRAY;
  default:
    return TM_KIND_UNKNOWN;
  }
}

/// reallocarray and pvalloc are glibc allocation functions that LLVM 19's
/// TargetLibraryInfo does not know, and tm_track is the runtime's own entry
/// for blocks of other allocators (its site is the line that calls it), so
/// they are matched by name here, with the prototype checked as
/// TargetLibraryInfo would.
tm_site_kind kindOfUnlistedFunction(const Function &F) {
  FunctionType *FT = F.getFunctionType();
  const DataLayout &DL = F.getParent()->getDataLayout();
  auto IsSizeT = [&](Type *T) {
    return T->isIntegerTy(DL.getPointerSizeInBits());
  };
  if (FT->isVarArg())
    return TM_KIND_UNKNOWN;
  // int tm_track(unsigned domain, uintptr_t ptr, size_t size)
  if (F.getName() == "tm_track" && FT->getNumParams() == 3 &&
      FT->getReturnType()->isIntegerTy(32) &&
      FT->getParamType(0)->isIntegerTy(32) && IsSizeT(FT->getParamType(1)) &&
      IsSizeT(FT->getParamType(2)))
    return TM_KIND_TRACK;
  if (!FT->getReturnType()->isPointerTy())
    return TM_KIND_UNKNOWN;
  if (F.getName() == "reallocarray" && FT->getNumParams() == 3 &&
      FT->getParamType(0)->isPointerTy() && IsSizeT(FT->getParamType(1)) &&
      IsSizeT(FT->getParamType(2)))
    return TM_KIND_REALLOCARRAY;
  if (F.getName() == "pvalloc" && FT->getNumParams() == 1 &&
      IsSizeT(FT->getParamType(0)))
    return TM_KIND_PVALLOC;
  return TM_KIND_UNKNOWN;
}

/// A function that only wraps an allocator, so that its callers, not the
/// allocation inside it, are the sites: one whose declaration says it
/// returns a fresh block (`__attribute__((malloc))` or `alloc_size`, as
/// glib's g_malloc or the TM_ALLOCATOR macro say), or one named with
/// -tracemalloc-wrapper.  The hint set around the call is the outermost, so
/// the allocation inside is charged to the caller; a wrapper called from
/// uninstrumented code falls back to its own inner site.
bool isWrapper(const Function &F) {
  if (F.getName().starts_with("__tm_") || F.isIntrinsic())
    return false;
  return F.hasRetAttribute(Attribute::NoAlias) ||
         F.hasFnAttribute(Attribute::AllocSize) ||
         is_contained(ExtraWrappers, F.getName());
}

bool isDeallocation(tm_site_kind K) {
  return K == TM_KIND_FREE || K == TM_KIND_DELETE || K == TM_KIND_DELETE_ARRAY;
}

/// Where a call is written: the innermost location, so a call inlined from
/// another function keeps the line it has in that function's source.
struct SourceLocation {
  StringRef File;
  StringRef Directory;
  std::string Function;
  unsigned Line = 0;
  unsigned Column = 0;
  bool HasDebugInfo = false;
  bool KeepsFramePointer = false;
};

/// The name the symbolizer gives the same function in its callers'
/// frames (llvm-symbolizer --functions=linkage --demangle), so that one
/// function has one name in every frame of every report: "app::fill(int)",
/// not the "fill" of its debug info.  The symbolizer names a function from
/// the symbol table, and a function inlined into it from its debug info,
/// which keeps a linkage name with -g but not with -gline-tables-only.
std::string functionName(const DILocation &DL, const Function &Caller) {
  if (!DL.getInlinedAt() || !DL.getScope()->getSubprogram())
    return demangle(Caller.getName());
  const DISubprogram &SP = *DL.getScope()->getSubprogram();
  StringRef Linkage = SP.getLinkageName();
  return demangle(Linkage.empty() ? SP.getName() : Linkage);
}

SourceLocation locate(const CallBase &CB) {
  SourceLocation Loc;
  const Function &Caller = *CB.getFunction();
  StringRef FramePointer =
      Caller.getFnAttribute("frame-pointer").getValueAsString();
  // A function that calls keeps its frame pointer under "all" and "non-leaf".
  Loc.KeepsFramePointer = FramePointer == "all" || FramePointer == "non-leaf";
  if (const DILocation *DL = CB.getDebugLoc().get()) {
    Loc.File = DL->getFilename();
    Loc.Directory = DL->getDirectory();
    Loc.Line = DL->getLine();
    Loc.Column = DL->getColumn();
    Loc.HasDebugInfo = true;
    Loc.Function = functionName(*DL, Caller);
  } else if (const DISubprogram *SP = Caller.getSubprogram()) {
    // A call the compiler made up inside a function that has debug info.
    Loc.File = SP->getFilename();
    Loc.Directory = SP->getDirectory();
    Loc.Function = demangle(Caller.getName());
    Loc.HasDebugInfo = true;
  } else {
    Loc.File = Caller.getParent()->getSourceFileName();
  }
  if (Loc.Function.empty())
    Loc.Function = demangle(Caller.getName());
  return Loc;
}

/// Emits the records of one module: site globals, the strings they point
/// to (each distinct string once) and the registering constructor.
class SiteEmitter {
public:
  explicit SiteEmitter(Module &M)
      : M(M), Ctx(M.getContext()), PtrTy(PointerType::getUnqual(Ctx)),
        Int16Ty(Type::getInt16Ty(Ctx)), Int32Ty(Type::getInt32Ty(Ctx)) {
    // Mirrors struct tm_site in runtime/tm_abi.h field by field.
    SiteTy = StructType::create(
        Ctx,
        {Int32Ty, Int16Ty, Int16Ty, Int32Ty, Int32Ty, PtrTy, PtrTy, PtrTy},
        "struct.tm_site");
    assert(M.getDataLayout().getTypeAllocSize(SiteTy) == sizeof(tm_site) &&
           "IR layout of tm_site differs from tm_abi.h");
  }

  GlobalVariable *emitSite(tm_site_kind Kind, const SourceLocation &Loc,
                           bool Returned) {
    uint16_t Flags = (Loc.HasDebugInfo ? 0 : TM_SITE_NO_DEBUG_INFO) |
                     (Loc.KeepsFramePointer ? TM_SITE_FRAME_POINTERS : 0) |
                     (Returned ? TM_SITE_RETURNED : 0);
    Constant *Fields[] = {
        ConstantInt::get(Int32Ty, 0), // id: written by the runtime
        ConstantInt::get(Int16Ty, Kind),
        ConstantInt::get(Int16Ty, Flags),
        ConstantInt::get(Int32Ty, Loc.Line),
        ConstantInt::get(Int32Ty, Loc.Column),
        string(Loc.File),
        string(Loc.Directory),
        string(Loc.Function)};
    // Writable: the runtime stores the site's id in it at registration.
    auto *Site = new GlobalVariable(M, SiteTy, /*isConstant=*/false,
                                    GlobalValue::PrivateLinkage,
                                    ConstantStruct::get(SiteTy, Fields),
                                    "__tm_site");
    Site->setSection(TM_SITE_SECTION);
    Site->setAlignment(Align(8));
    Sites.push_back(Site);
    return Site;
  }

  /// Keeps the records through section garbage collection and adds the
  /// constructor that registers them.
  void finish() {
    if (Sites.empty())
      return;
    appendToCompilerUsed(M, Sites);

    // Weak hidden bounds: a link that drops the whole section still links,
    // and each linked object (executable or shared library) registers only
    // its own sites.
    auto Bound = [&](const char *Prefix) {
      auto *GV = new GlobalVariable(
          M, SiteTy, false, GlobalValue::ExternalWeakLinkage, nullptr,
          std::string(Prefix) + TM_SITE_SECTION);
      GV->setVisibility(GlobalValue::HiddenVisibility);
      return GV;
    };
    Value *Args[] = {ConstantInt::get(Int32Ty, TM_ABI_VERSION),
                     Bound("__start_"), Bound("__stop_")};
    auto [Ctor, Register] = createSanitizerCtorAndInitFunctions(
        M, TM_MODULE_CTOR, TM_REGISTER_SITES_FN, {Int32Ty, PtrTy, PtrTy},
        Args);
    (void)Register;
    // One constructor per linked object is enough: it covers the whole
    // section, so the copies from other translation units are folded.
    if (Triple(M.getTargetTriple()).supportsCOMDAT()) {
      Ctor->setComdat(M.getOrInsertComdat(TM_MODULE_CTOR));
      Ctor->setLinkage(GlobalValue::LinkOnceODRLinkage);
      Ctor->setVisibility(GlobalValue::HiddenVisibility);
      appendToGlobalCtors(M, Ctor, TM_MODULE_CTOR_PRIORITY, Ctor);
    } else {
      appendToGlobalCtors(M, Ctor, TM_MODULE_CTOR_PRIORITY);
    }
  }

private:
  Constant *string(StringRef S) {
    auto [It, Inserted] = Strings.try_emplace(S, nullptr);
    if (Inserted) {
      Constant *Data = ConstantDataArray::getString(Ctx, S);
      auto *GV = new GlobalVariable(M, Data->getType(), /*isConstant=*/true,
                                    GlobalValue::PrivateLinkage, Data,
                                    "__tm_str");
      GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
      GV->setAlignment(Align(1));
      It->second = GV;
    }
    return It->second;
  }

  Module &M;
  LLVMContext &Ctx;
  PointerType *PtrTy;
  IntegerType *Int16Ty;
  IntegerType *Int32Ty;
  StructType *SiteTy;
  StringMap<Constant *> Strings;
  SmallVector<GlobalValue *, 16> Sites;
};

/// A thread-local pointer of the runtime's (the site hint and the site's
/// frame).  Initial-exec: the runtime is loaded with the program, so one
/// %fs-relative access reaches it.
GlobalVariable *getRuntimeThreadLocal(Module &M, StringRef Name) {
  if (GlobalVariable *GV = M.getGlobalVariable(Name))
    return GV;
  return new GlobalVariable(M, PointerType::getUnqual(M.getContext()), false,
                            GlobalValue::ExternalLinkage, nullptr, Name,
                            nullptr, GlobalValue::InitialExecTLSModel);
}

/// The runtime's variables an allocation call site reads and writes.
struct HintVariables {
  GlobalVariable *Tracing; // TM_TRACING_VAR
  GlobalVariable *Site;    // TM_SITE_HINT_VAR
  GlobalVariable *Frame;   // TM_SITE_FRAME_VAR
};

/// The runtime's byte that is non-zero while it traces.
GlobalVariable *getRuntimeTracingFlag(Module &M) {
  if (GlobalVariable *GV = M.getGlobalVariable(TM_TRACING_VAR))
    return GV;
  return new GlobalVariable(M, Type::getInt8Ty(M.getContext()), false,
                            GlobalValue::ExternalLinkage, nullptr,
                            TM_TRACING_VAR);
}

/// Hands the allocation's result to an empty `asm` that the optimizer must
/// assume reads it, so the allocation can never be deleted as unused.  The
/// call itself stays direct, with all its attributes: alias analysis,
/// `allocsize` and so _FORTIFY_SOURCE keep working.
void keepResult(CallBase &CB) {
  if (!CB.getType()->isPointerTy())
    return; // posix_memalign: the optimizer does not delete it
  BasicBlock *BB = CB.getParent();
  BasicBlock::iterator IP = std::next(CB.getIterator());
  if (auto *Invoke = dyn_cast<InvokeInst>(&CB)) {
    // The result is only usable where the invoke dominates.
    BB = Invoke->getNormalDest();
    if (!BB->getSinglePredecessor())
      return;
    IP = BB->getFirstInsertionPt();
  }
  IRBuilder<> B(BB, IP);
  B.SetCurrentDebugLocation(CB.getDebugLoc());
  InlineAsm *Use =
      InlineAsm::get(FunctionType::get(B.getVoidTy(), {CB.getType()}, false),
                     "", "r", /*hasSideEffects=*/true);
  // Inside a catchpad or cleanuppad a call must name its funclet.
  SmallVector<OperandBundleDef, 1> Bundles;
  if (auto Funclet = CB.getOperandBundle(LLVMContext::OB_funclet))
    Bundles.emplace_back(*Funclet);
  B.CreateCall(Use, {&CB}, Bundles);
}

/// The personality for a cleanup around an allocation call in \p F, given
/// the personality \p F had before the pass touched it: that one, or the
/// C++ one for operator new (only C++ code calls it); null when no cleanup
/// is needed or possible.
Constant *cleanupPersonality(const Function &F, Constant *Original,
                             tm_site_kind Kind) {
  // Nothing unwinds out of a nounwind function (-fno-exceptions code).
  if (F.doesNotThrow())
    return nullptr;
  if (Original)
    return isScopedEHPersonality(classifyEHPersonality(Original)) ? nullptr
                                                                  : Original;
  if (Kind != TM_KIND_NEW && Kind != TM_KIND_NEW_ARRAY)
    return nullptr;
  Module &M = *const_cast<Function &>(F).getParent();
  return cast<Constant>(
      M.getOrInsertFunction("__gxx_personality_v0",
                            FunctionType::get(Type::getInt32Ty(M.getContext()),
                                              /*isVarArg=*/true))
          .getCallee());
}

/// Makes \p CI, a call that may throw and that has no handler in its
/// function, an invoke whose cleanup puts \p Old back into the hint (if
/// \p Tracing said the site set it) and resumes unwinding: otherwise an
/// exception out of operator new would leave the hint set, and every later
/// allocation of the thread would be charged to this site.
void restoreOnUnwind(CallInst &CI, GlobalVariable *Hint, Value *Tracing,
                     Value *Old, Constant *Personality) {
  Function &F = *CI.getFunction();
  LLVMContext &Ctx = F.getContext();
  if (!F.hasPersonalityFn())
    F.setPersonalityFn(Personality);
  BasicBlock *Cleanup = BasicBlock::Create(Ctx, "tm.hint.unwind", &F);
  IRBuilder<> B(Cleanup);
  B.SetCurrentDebugLocation(CI.getDebugLoc());
  LandingPadInst *Pad = B.CreateLandingPad(
      StructType::get(B.getPtrTy(), B.getInt32Ty()), /*NumReservedClauses=*/0);
  Pad->setCleanup(true);
  Value *Addr = B.CreateThreadLocalAddress(Hint);
  Value *Now = B.CreateLoad(B.getPtrTy(), Addr, /*isVolatile=*/true);
  B.CreateStore(B.CreateSelect(Tracing, Old, Now), Addr, /*isVolatile=*/true);
  B.CreateResume(Pad);
  changeToInvokeAndSplitBasicBlock(&CI, Cleanup);
}

/// Sets the hint to \p Site around \p CB, while the runtime traces, unless
/// an outer site already set it, and puts the previous value back
/// afterwards, on every way out.  The site that sets the hint also leaves
/// its frame address for the runtime; that one needs no restoring: it is
/// read only while the hint is set.
void setHintAround(CallBase &CB, Constant *Personality,
                   const HintVariables &Vars, GlobalVariable *Site) {
  GlobalVariable *Hint = Vars.Site;
  IRBuilder<> B(&CB);
  PointerType *PtrTy = B.getPtrTy();
  LoadInst *Flag = B.CreateLoad(B.getInt8Ty(), Vars.Tracing, "tm.tracing");
  Flag->setAtomic(AtomicOrdering::Unordered);
  Flag->setAlignment(Align(1));
  Value *Tracing = B.CreateICmpNE(Flag, B.getInt8(0));
  BasicBlock *Head = CB.getParent();
  Instruction *SetEnd =
      SplitBlockAndInsertIfThen(Tracing, &CB, /*Unreachable=*/false);
  SetEnd->getParent()->setName("tm.hint.set");
  CB.getParent()->setName("tm.hint.call");

  IRBuilder<> Set(SetEnd);
  Set.SetCurrentDebugLocation(CB.getDebugLoc());
  Value *HintAddr = Set.CreateThreadLocalAddress(Hint);
  LoadInst *SetOld = Set.CreateLoad(PtrTy, HintAddr, /*isVolatile=*/true);
  Value *IsUnset = Set.CreateICmpEQ(SetOld, ConstantPointerNull::get(PtrTy));
  Set.CreateStore(Set.CreateSelect(IsUnset, Site, SetOld, "tm.hint"),
                  HintAddr, /*isVolatile=*/true);
  Value *FrameAddr = Set.CreateThreadLocalAddress(Vars.Frame);
  Value *OldFrame = Set.CreateLoad(PtrTy, FrameAddr, /*isVolatile=*/true,
                                   "tm.frame.old");
  Value *Here = Set.CreateIntrinsic(Intrinsic::frameaddress, {PtrTy},
                                    {Set.getInt32(0)}, nullptr, "tm.frame");
  Set.CreateStore(Set.CreateSelect(IsUnset, Here, OldFrame), FrameAddr,
                  /*isVolatile=*/true);

  if (auto *Invoke = dyn_cast<InvokeInst>(&CB)) {
    // No value of the set block dominates the successors' other
    // predecessors, so each successor clears the hint only if it still
    // holds this site.
    for (BasicBlock *Succ : {Invoke->getNormalDest(), Invoke->getUnwindDest()}) {
      BasicBlock::iterator IP = Succ->getFirstInsertionPt();
      if (IP == Succ->end())
        continue; // a catchswitch block: no place to insert.
      IRBuilder<> After(Succ, IP);
      After.SetCurrentDebugLocation(CB.getDebugLoc());
      Value *Addr = After.CreateThreadLocalAddress(Hint);
      Value *Now = After.CreateLoad(PtrTy, Addr, /*isVolatile=*/true);
      Value *Mine = After.CreateICmpEQ(Now, Site);
      After.CreateStore(
          After.CreateSelect(Mine, ConstantPointerNull::get(PtrTy), Now),
          Addr, /*isVolatile=*/true);
    }
    return;
  }
  // The value to put back where the site set the hint; none where it did
  // not, and then nothing is put back.
  PHINode *Old = PHINode::Create(PtrTy, 2, "tm.hint.old");
  Old->insertBefore(CB.getParent()->begin());
  Old->addIncoming(SetOld, SetEnd->getParent());
  Old->addIncoming(PoisonValue::get(PtrTy), Head);
  Instruction *RestoreEnd = SplitBlockAndInsertIfThen(
      Tracing, CB.getNextNode(), /*Unreachable=*/false);
  RestoreEnd->getParent()->setName("tm.hint.restore");
  RestoreEnd->getParent()->getSingleSuccessor()->setName("tm.hint.done");
  IRBuilder<> Restore(RestoreEnd);
  Restore.SetCurrentDebugLocation(CB.getDebugLoc());
  Restore.CreateStore(Old, Restore.CreateThreadLocalAddress(Hint),
                      /*isVolatile=*/true);
  auto &CI = cast<CallInst>(CB);
  if (!CI.doesNotThrow() && Personality)
    restoreOnUnwind(CI, Hint, Tracing, Old, Personality);
}

struct AllocationCall {
  CallBase *Call;
  tm_site_kind Kind;
  /* Its function may return its result (TM_SITE_RETURNED). */
  bool Returned;
  /* The personality of the call's function before the pass ran, so that
   * the result does not depend on the order of the calls. */
  Constant *OriginalPersonality;
};

/// What a direct call is to the runtime: an allocation function, a
/// deallocation function, a wrapper, or nothing.
tm_site_kind kindOfCall(const CallBase &CB, const TargetLibraryInfo &TLI) {
  // Indirect calls are left alone: what they call is not known here.
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isIntrinsic() || isa<CallBrInst>(CB))
    return TM_KIND_UNKNOWN;
  // Nothing can be placed after a musttail call.
  if (auto *CI = dyn_cast<CallInst>(&CB); CI && CI->isMustTailCall())
    return TM_KIND_UNKNOWN;
  // The name and prototype say what the callee is; availability on the
  // target (-fno-builtin, -ffreestanding) does not matter: the call still
  // allocates.
  LibFunc LF;
  tm_site_kind Kind = TLI.getLibFunc(*Callee, LF)
                          ? kindOfLibFunc(LF)
                          : kindOfUnlistedFunction(*Callee);
  if (Kind == TM_KIND_UNKNOWN && isWrapper(*Callee))
    Kind = TM_KIND_WRAPPER;
  return Kind;
}

/// Whether \p A is a local variable that holds values only for its own
/// function: used by loads, stores into it and lifetime markers, its
/// address never taken elsewhere.  Clang keeps every variable in one before
/// the optimizer runs, which the pass comes before.
bool isPlainLocal(const AllocaInst &A) {
  for (const User *U : A.users()) {
    if (isa<LoadInst>(U))
      continue;
    if (auto *S = dyn_cast<StoreInst>(U); S && S->getPointerOperand() == &A)
      continue;
    if (auto *II = dyn_cast<IntrinsicInst>(U); II && II->isLifetimeStartOrEnd())
      continue;
    return false;
  }
  return true;
}

/// The calls whose result \p F may return: the returned value followed
/// back through casts, constant offsets (a wrapper that keeps a header in
/// front of the block), PHIs and selects (NULL checks) and plain local
/// variables.  A function with such a call to an allocator wraps it.
SmallPtrSet<const CallBase *, 4> callsReturned(const Function &F) {
  SmallPtrSet<const CallBase *, 4> Calls;
  if (!F.getReturnType()->isPointerTy())
    return Calls;
  SmallVector<const Value *, 8> Work;
  SmallPtrSet<const Value *, 16> Seen;
  for (const BasicBlock &BB : F)
    if (auto *Ret = dyn_cast<ReturnInst>(BB.getTerminator()))
      if (Ret->getReturnValue())
        Work.push_back(Ret->getReturnValue());
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    if (!Seen.insert(V).second)
      continue;
    if (auto *GEP = dyn_cast<GEPOperator>(V)) {
      if (GEP->hasAllConstantIndices())
        Work.push_back(GEP->getPointerOperand());
    } else if (auto *Cast = dyn_cast<CastInst>(V)) {
      if (Cast->getSrcTy()->isPointerTy())
        Work.push_back(Cast->getOperand(0));
    } else if (auto *Phi = dyn_cast<PHINode>(V)) {
      append_range(Work, Phi->incoming_values());
    } else if (auto *Sel = dyn_cast<SelectInst>(V)) {
      Work.push_back(Sel->getTrueValue());
      Work.push_back(Sel->getFalseValue());
    } else if (auto *Load = dyn_cast<LoadInst>(V)) {
      auto *Local = dyn_cast<AllocaInst>(Load->getPointerOperand());
      if (Local && isPlainLocal(*Local))
        for (const User *U : Local->users())
          if (auto *Store = dyn_cast<StoreInst>(U))
            Work.push_back(Store->getValueOperand());
    } else if (auto *CB = dyn_cast<CallBase>(V)) {
      if (!isa<IntrinsicInst>(CB))
        Calls.insert(CB);
    }
  }
  return Calls;
}

/// Code of a library's header (the C++ standard library's templates, most
/// of all), compiled into this module because it is inline.
bool isLibraryHeaderCode(const Function &F) {
  const DISubprogram *SP = F.getSubprogram();
  if (!SP)
    return false;
  StringRef File = SP->getFilename();
  std::string Path = sys::path::is_absolute(File)
                         ? File.str()
                         : (SP->getDirectory() + "/" + File).str();
  for (StringRef Prefix : {"/usr/include/", "/usr/lib/", "/usr/local/include/"})
    if (StringRef(Path).starts_with(Prefix))
      return true;
  return false;
}

/// The library-header functions defined in M that allocate, directly or
/// through one another: std::vector<T>::push_back, std::map's insertions.
/// A call from the program's own code to one of them is a wrapper site, so
/// that the block is charged to the line that grew the container, not to
/// the operator new deep in the library's headers.
SmallPtrSet<const Function *, 16>
allocatingLibraryFunctions(Module &M, FunctionAnalysisManager &FAM) {
  SmallPtrSet<const Function *, 16> Allocating;
  SmallVector<const Function *, 16> Library;
  for (Function &F : M)
    if (!F.isDeclaration() && isLibraryHeaderCode(F))
      Library.push_back(&F);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Function *F : Library) {
      if (Allocating.contains(F))
        continue;
      const TargetLibraryInfo &TLI =
          FAM.getResult<TargetLibraryAnalysis>(const_cast<Function &>(*F));
      for (const Instruction &I : instructions(*F)) {
        auto *CB = dyn_cast<CallBase>(&I);
        if (!CB)
          continue;
        tm_site_kind Kind = kindOfCall(*CB, TLI);
        if ((Kind != TM_KIND_UNKNOWN && !isDeallocation(Kind)) ||
            (CB->getCalledFunction() &&
             Allocating.contains(CB->getCalledFunction()))) {
          Changed = Allocating.insert(F).second;
          break;
        }
      }
    }
  }
  return Allocating;
}

SmallVector<AllocationCall, 16> findAllocationCalls(Module &M,
                                                    FunctionAnalysisManager &FAM) {
  SmallPtrSet<const Function *, 16> AllocatingLibrary =
      allocatingLibraryFunctions(M, FAM);
  SmallVector<AllocationCall, 16> Calls;
  for (Function &F : M) {
    // Never instrument the runtime's own entry points.
    if (F.isDeclaration() || F.getName().starts_with("__tm_"))
      continue;
    const TargetLibraryInfo &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    bool InLibrary = isLibraryHeaderCode(F);
    // The library's own templates are charged to the program's calls into
    // them (allocatingLibraryFunctions), not through what they return.
    SmallPtrSet<const CallBase *, 4> Returned;
    if (AutoWrappers && !InLibrary)
      Returned = callsReturned(F);
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      tm_site_kind Kind = kindOfCall(*CB, TLI);
      if (Kind == TM_KIND_UNKNOWN && !InLibrary && CB->getCalledFunction() &&
          AllocatingLibrary.contains(CB->getCalledFunction()))
        Kind = TM_KIND_WRAPPER;
      bool IsReturned = Returned.contains(CB);
      // A call the pass cannot see into, whose result is returned: it may
      // reach a wrapper of another module, whose block then belongs one
      // caller further up.
      if (Kind == TM_KIND_UNKNOWN && IsReturned && !isa<CallBrInst>(CB))
        Kind = TM_KIND_FORWARD;
      if (Kind == TM_KIND_UNKNOWN)
        continue;
      Calls.push_back({CB, Kind, IsReturned && !isDeallocation(Kind),
                       F.hasPersonalityFn() ? F.getPersonalityFn() : nullptr});
    }
  }
  return Calls;
}

} // namespace

PreservedAnalyses TraceMallocPass::run(Module &M, ModuleAnalysisManager &MAM) {
  // The runtime and its record layout are 64-bit only.  And a module that
  // already registers its sites was instrumented before: doing it again
  // would wrap each call in a second hint and duplicate the records.
  if (M.getDataLayout().getPointerSizeInBits() != 64 ||
      M.getFunction(TM_MODULE_CTOR))
    return PreservedAnalyses::all();
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  SmallVector<AllocationCall, 16> Calls = findAllocationCalls(M, FAM);
  if (Calls.empty())
    return PreservedAnalyses::all();

  SiteEmitter Emitter(M);
  HintVariables Hint = {nullptr, nullptr, nullptr};
  for (const AllocationCall &AC : Calls) {
    GlobalVariable *Site =
        Emitter.emitSite(AC.Kind, locate(*AC.Call), AC.Returned);
    if (isDeallocation(AC.Kind)) {
      ++NumFreeSites;
      continue;
    }
    if (AC.Kind == TM_KIND_FORWARD) {
      ++NumForwardingCalls;
      continue;
    }
    NumReturnedSites += AC.Returned;
    if (!Hint.Site)
      Hint = {getRuntimeTracingFlag(M),
              getRuntimeThreadLocal(M, TM_SITE_HINT_VAR),
              getRuntimeThreadLocal(M, TM_SITE_FRAME_VAR)};
    Constant *Personality = cleanupPersonality(
        *AC.Call->getFunction(), AC.OriginalPersonality, AC.Kind);
    // The result's use first: setHintAround may replace the call.  A
    // wrapper's call is no allocation the optimizer could delete.
    if (AC.Kind != TM_KIND_WRAPPER)
      keepResult(*AC.Call);
    setHintAround(*AC.Call, Personality, Hint, Site);
    ++NumAllocSites;
  }
  Emitter.finish();
  return PreservedAnalyses::none();
}

} // namespace tracemalloc
