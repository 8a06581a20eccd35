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
//   %old = load volatile ptr, ptr @__tm_site_hint  ; thread-local
//   %set = select (icmp eq %old, null), @__tm_site.N, %old
//   store volatile %set, @__tm_site_hint           ; outermost site wins
//   %f = call ptr asm "", "=r,0"(ptr @malloc)       ; opaque callee
//   %r = call %f(...)
//   store volatile %old, @__tm_site_hint
//
// The accesses are volatile because the optimizer knows malloc touches no
// memory of the program (memory(inaccessiblemem)) and would otherwise
// delete the stores as dead: the runtime reading the hint is invisible to
// it.
//
// The allocating call goes through a callee the optimizer cannot see
// through.  A direct call to a known allocation function may be deleted
// when its result looks unused, or folded (strdup("x") into malloc+memcpy,
// malloc+memset into calloc), whatever attributes the call carries: the
// function's inferred `allockind` is enough.  Through the opaque callee the
// optimizer keeps every allocation the source makes, so the report matches
// the source at every optimisation level.  The call keeps the declaration's
// attributes other than those that name it an allocation function, so
// alias analysis still knows the result is a fresh pointer.
//
// A deallocation call gets a site record too (the module's inventory of
// allocation sites is complete) but no hint: freeing needs no site.
//
// One COMDAT module constructor per linked object hands the whole section,
// [__start___tm_sites, __stop___tm_sites), to the runtime with the ABI
// version.  Names and layout come from runtime/tm_abi.h.
//
//===----------------------------------------------------------------------===//
#include "TraceMalloc.h"

#include "tm_abi.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

#define DEBUG_TYPE "tracemalloc"

STATISTIC(NumAllocSites, "Allocation call sites instrumented");
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
    return TM_KIND_STRDUP;
  case LibFunc_strndup:
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
/// TargetLibraryInfo does not know, so they are matched by name here, with
/// the prototype checked as TargetLibraryInfo would.
tm_site_kind kindOfUnlistedFunction(const Function &F) {
  FunctionType *FT = F.getFunctionType();
  const DataLayout &DL = F.getParent()->getDataLayout();
  auto IsSizeT = [&](Type *T) {
    return T->isIntegerTy(DL.getPointerSizeInBits());
  };
  if (!FT->getReturnType()->isPointerTy() || FT->isVarArg())
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

bool isDeallocation(tm_site_kind K) {
  return K == TM_KIND_FREE || K == TM_KIND_DELETE || K == TM_KIND_DELETE_ARRAY;
}

/// Where a call is written: the innermost location, so a call inlined from
/// another function keeps the line it has in that function's source.
struct SourceLocation {
  StringRef File;
  StringRef Directory;
  StringRef Function;
  unsigned Line = 0;
  unsigned Column = 0;
  bool HasDebugInfo = false;
};

SourceLocation locate(const CallBase &CB) {
  SourceLocation Loc;
  const Function &Caller = *CB.getFunction();
  if (const DILocation *DL = CB.getDebugLoc().get()) {
    Loc.File = DL->getFilename();
    Loc.Directory = DL->getDirectory();
    Loc.Line = DL->getLine();
    Loc.Column = DL->getColumn();
    Loc.HasDebugInfo = true;
    if (const DISubprogram *SP = DL->getScope()->getSubprogram())
      Loc.Function = SP->getName();
  } else if (const DISubprogram *SP = Caller.getSubprogram()) {
    // A call the compiler made up inside a function that has debug info.
    Loc.File = SP->getFilename();
    Loc.Directory = SP->getDirectory();
    Loc.Function = SP->getName();
    Loc.HasDebugInfo = true;
  } else {
    Loc.File = Caller.getParent()->getSourceFileName();
  }
  if (Loc.Function.empty())
    Loc.Function = Caller.getName();
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

  GlobalVariable *emitSite(tm_site_kind Kind, const SourceLocation &Loc) {
    uint16_t Flags = Loc.HasDebugInfo ? 0 : TM_SITE_NO_DEBUG_INFO;
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

/// The runtime's thread-local site hint.  Initial-exec: the runtime is
/// loaded with the program, so one %fs-relative access reaches it.
GlobalVariable *getSiteHint(Module &M) {
  if (GlobalVariable *GV = M.getGlobalVariable(TM_SITE_HINT_VAR))
    return GV;
  auto *GV = new GlobalVariable(
      M, PointerType::getUnqual(M.getContext()), false,
      GlobalValue::ExternalLinkage, nullptr, TM_SITE_HINT_VAR, nullptr,
      GlobalValue::InitialExecTLSModel);
  return GV;
}

/// Calls \p CB's callee through a pointer the optimizer cannot trace back
/// to an allocation function, keeping the declaration's other attributes.
void hideCallee(CallBase &CB) {
  Function *Callee = CB.getCalledFunction();
  IRBuilder<> B(&CB);
  PointerType *PtrTy = B.getPtrTy();
  InlineAsm *Launder = InlineAsm::get(FunctionType::get(PtrTy, {PtrTy}, false),
                                      "", "=r,0", /*hasSideEffects=*/false);
  CB.setCalledOperand(B.CreateCall(Launder, {Callee}, "tm.callee"));

  AttributeList Attrs = Callee->getAttributes();
  LLVMContext &Ctx = CB.getContext();
  for (Attribute::AttrKind Kind :
       {Attribute::AllocKind, Attribute::AllocSize, Attribute::Builtin})
    Attrs = Attrs.removeFnAttribute(Ctx, Kind);
  Attrs = Attrs.removeFnAttribute(Ctx, "alloc-family");
  for (Attribute A : CB.getAttributes().getFnAttrs())
    if (!A.hasAttribute(Attribute::Builtin))
      Attrs = Attrs.addFnAttribute(Ctx, A);
  for (unsigned I = 0, E = CB.arg_size(); I != E; ++I)
    Attrs = Attrs.addParamAttributes(
        Ctx, I, AttrBuilder(Ctx, CB.getAttributes().getParamAttrs(I)));
  Attrs = Attrs.addRetAttributes(
      Ctx, AttrBuilder(Ctx, CB.getAttributes().getRetAttrs()));
  CB.setAttributes(Attrs);
}

/// Sets the hint to \p Site around \p CB unless an outer site already set
/// it, and puts the previous value back afterwards.
void setHintAround(CallBase &CB, GlobalVariable *Hint, GlobalVariable *Site) {
  IRBuilder<> B(&CB);
  PointerType *PtrTy = B.getPtrTy();
  Value *HintAddr = B.CreateThreadLocalAddress(Hint);
  LoadInst *Old = B.CreateLoad(PtrTy, HintAddr, /*isVolatile=*/true,
                               "tm.hint.old");
  Value *IsUnset = B.CreateICmpEQ(Old, ConstantPointerNull::get(PtrTy));
  B.CreateStore(B.CreateSelect(IsUnset, Site, Old, "tm.hint"), HintAddr,
                /*isVolatile=*/true);

  if (auto *Invoke = dyn_cast<InvokeInst>(&CB)) {
    // %old does not dominate the successors' other predecessors, so each
    // successor clears the hint only if it still holds this site.
    for (BasicBlock *Succ : {Invoke->getNormalDest(), Invoke->getUnwindDest()}) {
      BasicBlock::iterator IP = Succ->getFirstInsertionPt();
      if (IP == Succ->end())
        continue; // a catchswitch block: no place to insert.
      IRBuilder<> After(Succ, IP);
      Value *Addr = After.CreateThreadLocalAddress(Hint);
      Value *Now = After.CreateLoad(PtrTy, Addr, /*isVolatile=*/true);
      Value *Mine = After.CreateICmpEQ(Now, Site);
      After.CreateStore(
          After.CreateSelect(Mine, ConstantPointerNull::get(PtrTy), Now),
          Addr, /*isVolatile=*/true);
    }
    return;
  }
  IRBuilder<> After(CB.getNextNode());
  After.CreateStore(Old, HintAddr, /*isVolatile=*/true);
}

struct AllocationCall {
  CallBase *Call;
  tm_site_kind Kind;
};

SmallVector<AllocationCall, 16> findAllocationCalls(Module &M,
                                                    FunctionAnalysisManager &FAM) {
  SmallVector<AllocationCall, 16> Calls;
  for (Function &F : M) {
    // Never instrument the runtime's own entry points.
    if (F.isDeclaration() || F.getName().starts_with("__tm_"))
      continue;
    const TargetLibraryInfo &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<CallBrInst>(CB))
        continue;
      // Indirect calls are left alone: what they call is not known here.
      const Function *Callee = CB->getCalledFunction();
      if (!Callee || Callee->isIntrinsic())
        continue;
      // The name and prototype say what the callee is; availability on
      // the target (-fno-builtin, -ffreestanding) does not matter: the
      // call still allocates.
      LibFunc LF;
      tm_site_kind Kind = TLI.getLibFunc(*Callee, LF)
                              ? kindOfLibFunc(LF)
                              : kindOfUnlistedFunction(*Callee);
      if (Kind == TM_KIND_UNKNOWN)
        continue;
      // Nothing can be placed after a musttail call.
      if (auto *CI = dyn_cast<CallInst>(CB); CI && CI->isMustTailCall())
        continue;
      Calls.push_back({CB, Kind});
    }
  }
  return Calls;
}

} // namespace

PreservedAnalyses TraceMallocPass::run(Module &M, ModuleAnalysisManager &MAM) {
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  SmallVector<AllocationCall, 16> Calls = findAllocationCalls(M, FAM);
  if (Calls.empty())
    return PreservedAnalyses::all();

  SiteEmitter Emitter(M);
  GlobalVariable *Hint = nullptr;
  for (const AllocationCall &AC : Calls) {
    GlobalVariable *Site = Emitter.emitSite(AC.Kind, locate(*AC.Call));
    if (isDeallocation(AC.Kind)) {
      ++NumFreeSites;
      continue;
    }
    if (!Hint)
      Hint = getSiteHint(M);
    setHintAround(*AC.Call, Hint, Site);
    hideCallee(*AC.Call);
    ++NumAllocSites;
  }
  Emitter.finish();
  return PreservedAnalyses::none();
}

} // namespace tracemalloc
