/*
 * Unwinding through code built without frame pointers, from the DWARF
 * call-frame information compilers leave for exceptions (.eh_frame).
 *
 * The frame-pointer walk breaks where a return address lies in code that
 * keeps no frame record: libstdc++'s operator new and std::string, the C
 * library's qsort calling a comparator, a whole program under LD_PRELOAD.
 * What such a function's frame looks like at one of its calls is written
 * in its FDE: where the canonical frame address (the CFA: the stack pointer
 * before the call that entered the function) lies relative to the stack or
 * frame pointer, and where the return address and the caller's frame
 * pointer are saved.  The answer depends on the return address alone, and
 * a program allocates from few of them, so each is worked out once and
 * kept in a cache of rules shared by all threads: a step through a cached
 * frame is a handful of loads, where the system's unwinder (libgcc's,
 * behind backtrace()) finds and interprets each frame's FDE anew at every
 * allocation, and walks every frame of the stack: some microseconds.
 *
 * Only what the walk needs is kept of a frame's state: the CFA as rsp or
 * rbp plus an offset, the return address at CFA-8, and rbp, unchanged or
 * saved at a slot below the CFA.  A frame whose rules are anything else (a
 * CFA from an expression, as stack realignment writes it; a signal frame;
 * rbp kept in another register) and a return address outside every FDE
 * (generated code) have no rule: the caller then hands the walk to the
 * system's unwinder, which knows them all.
 *
 * The cache is never flushed: a library unloaded with dlclose leaves its
 * rules behind, and code loaded at the same addresses later may be walked
 * with them.  As with code_ranges.c, the walk's bounds checks keep every
 * read inside the thread's stack, so the worst case is a wrong caller,
 * never a fault.
 */
#define _GNU_SOURCE
#include "unwind.h"

#include <dlfcn.h>
#include <string.h>

#if defined(__x86_64__)

/* DWARF's numbers for the registers the walk follows (x86-64 psABI). */
enum { DWARF_RBP = 6, DWARF_RSP = 7 };

/* ----- reading .eh_frame ------------------------------------------------- */

/* Bytes of call-frame information, read without ever passing `end`. */
typedef struct cursor {
  const uint8_t *p, *end;
  bool bad;
} cursor;

static uint64_t read_fixed(cursor *c, size_t size) {
  uint64_t v = 0;
  if ((size_t)(c->end - c->p) < size) {
    c->bad = true;
    return 0;
  }
  memcpy(&v, c->p, size); /* little-endian, as x86-64 is */
  c->p += size;
  return v;
}

static uint8_t read_u8(cursor *c) { return (uint8_t)read_fixed(c, 1); }

static uint64_t read_uleb(cursor *c) {
  uint64_t v = 0;
  for (unsigned shift = 0; c->p < c->end; shift += 7) {
    uint8_t b = *c->p++;
    if (shift < 64)
      v |= (uint64_t)(b & 0x7f) << shift;
    if (!(b & 0x80))
      return v;
  }
  c->bad = true;
  return 0;
}

static int64_t read_sleb(cursor *c) {
  uint64_t v = 0;
  for (unsigned shift = 0; c->p < c->end;) {
    uint8_t b = *c->p++;
    if (shift < 64)
      v |= (uint64_t)(b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80)) {
      if (shift < 64 && (b & 0x40))
        v |= ~(uint64_t)0 << shift;
      return (int64_t)v;
    }
  }
  c->bad = true;
  return 0;
}

/* DW_EH_PE_*: how .eh_frame and its index encode an address. */
enum {
  PE_OMIT = 0xff,
  PE_FORMAT = 0x0f,
  PE_ABSPTR = 0x00,
  PE_ULEB128 = 0x01,
  PE_UDATA2 = 0x02,
  PE_UDATA4 = 0x03,
  PE_UDATA8 = 0x04,
  PE_SLEB128 = 0x09,
  PE_SDATA2 = 0x0a,
  PE_SDATA4 = 0x0b,
  PE_SDATA8 = 0x0c,
  PE_APPLICATION = 0x70,
  PE_PCREL = 0x10,
  PE_DATAREL = 0x30,
};

/* An encoded address; `datarel` is what PE_DATAREL is relative to (0:
 * not allowed here).  Indirect addresses are not followed: the walk never
 * needs the value of one (they name personality routines). */
static uintptr_t read_encoded(cursor *c, uint8_t enc, uintptr_t datarel) {
  uintptr_t at = (uintptr_t)c->p;
  uint64_t v;
  switch (enc & PE_FORMAT) {
  case PE_ABSPTR:
  case PE_UDATA8:
  case PE_SDATA8: v = read_fixed(c, 8); break;
  case PE_ULEB128: v = read_uleb(c); break;
  case PE_UDATA2: v = read_fixed(c, 2); break;
  case PE_UDATA4: v = read_fixed(c, 4); break;
  case PE_SLEB128: v = (uint64_t)read_sleb(c); break;
  case PE_SDATA2: v = (uint64_t)(int64_t)(int16_t)read_fixed(c, 2); break;
  case PE_SDATA4: v = (uint64_t)(int64_t)(int32_t)read_fixed(c, 4); break;
  default: c->bad = true; return 0;
  }
  switch (enc & PE_APPLICATION) {
  case 0: break;
  case PE_PCREL: v += at; break;
  case PE_DATAREL:
    if (!datarel)
      c->bad = true;
    v += datarel;
    break;
  default: c->bad = true;
  }
  return (uintptr_t)v;
}

/* A CIE or FDE: its length (32 bits, or 64 after 0xffffffff), then the
 * body, which `c` is set to; returns the address of the field after the
 * length, from which an FDE's CIE pointer counts. */
static const uint8_t *open_entry(const uint8_t *entry, cursor *c) {
  c->p = entry;
  c->end = entry + 12;
  c->bad = false;
  uint64_t length = read_fixed(c, 4);
  if (length == 0xffffffff)
    length = read_fixed(c, 8);
  if (c->bad || !length || length > (1u << 30))
    return NULL;
  c->end = c->p + length;
  return c->p;
}

/* What a CIE says of the FDEs that share it. */
typedef struct cie_info {
  uint64_t code_align;
  int64_t data_align;
  uint64_t ra_register;
  uint8_t fde_encoding;
  bool has_augmentation_data; /* 'z': FDEs carry an augmentation length */
  cursor program;             /* its initial instructions */
} cie_info;

static bool parse_cie(const uint8_t *entry, cie_info *cie) {
  cursor c;
  if (!open_entry(entry, &c) || read_fixed(&c, 4) != 0) /* CIE id */
    return false;
  uint8_t version = read_u8(&c);
  if (version != 1 && version != 3 && version != 4)
    return false;
  const char *augmentation = (const char *)c.p;
  size_t len = strnlen(augmentation, (size_t)(c.end - c.p));
  if (c.p + len == c.end)
    return false;
  c.p += len + 1;
  if (version == 4)
    read_fixed(&c, 2); /* address and segment selector sizes */
  cie->code_align = read_uleb(&c);
  cie->data_align = read_sleb(&c);
  cie->ra_register = version == 1 ? read_u8(&c) : read_uleb(&c);
  cie->fde_encoding = PE_ABSPTR;
  cie->has_augmentation_data = augmentation[0] == 'z';
  if (cie->has_augmentation_data) {
    uint64_t size = read_uleb(&c);
    if (c.bad || size > (uint64_t)(c.end - c.p))
      return false;
    cursor data = {c.p, c.p + size, false};
    for (const char *a = augmentation + 1; *a; a++) {
      if (*a == 'R')
        cie->fde_encoding = read_u8(&data);
      else if (*a == 'P')
        read_encoded(&data, read_u8(&data) & ~0x80, 0);
      else if (*a == 'L')
        read_u8(&data);
      else
        return false; /* 'S' (a signal frame), or unknown */
    }
    if (data.bad)
      return false;
    c.p += size;
  } else if (augmentation[0]) {
    return false;
  }
  cie->program = c;
  return !c.bad;
}

/* The FDE that covers pc, through the object's .eh_frame_hdr index. */
static const uint8_t *find_fde(uintptr_t pc) {
  struct dl_find_object object;
  if (_dl_find_object((void *)pc, &object) != 0 || !object.dlfo_eh_frame)
    return NULL;
  const uint8_t *hdr = object.dlfo_eh_frame;
  /* version, then the encodings of the .eh_frame pointer, of the count
   * and of the table: a sorted array of (start, FDE) pairs, both 32-bit
   * offsets from the index itself, as every linker writes it. */
  if (hdr[0] != 1 || hdr[3] != (PE_DATAREL | PE_SDATA4))
    return NULL;
  cursor c = {hdr + 4, hdr + 4 + 16, false};
  read_encoded(&c, hdr[1], (uintptr_t)hdr);
  uint64_t count = hdr[2] == PE_OMIT ? 0 : read_encoded(&c, hdr[2], (uintptr_t)hdr);
  if (c.bad || !count)
    return NULL;
  const uint8_t *table = c.p;
  int64_t target = (int64_t)(pc - (uintptr_t)hdr);
  uint64_t lo = 0, hi = count; /* the last entry starting at or before pc */
  while (hi - lo > 1) {
    uint64_t mid = lo + (hi - lo) / 2;
    int32_t start;
    memcpy(&start, table + mid * 8, 4);
    if (start <= target)
      lo = mid;
    else
      hi = mid;
  }
  int32_t start, fde;
  memcpy(&start, table + lo * 8, 4);
  memcpy(&fde, table + lo * 8 + 4, 4);
  return start <= target ? hdr + fde : NULL;
}

/* ----- running the call-frame program ------------------------------------ */

enum rule_kind { RULE_SAME, RULE_OFFSET, RULE_UNDEFINED, RULE_OTHER };

typedef struct register_rule {
  uint8_t kind;
  int64_t offset; /* RULE_OFFSET: saved at CFA + offset */
} register_rule;

/* The part of a frame's rules at one address that the walk follows. */
typedef struct frame_state {
  uint64_t cfa_register;
  int64_t cfa_offset;
  bool cfa_other; /* an expression, or never defined */
  register_rule rbp, ra;
} frame_state;

/* remember_state nests no deeper than this in what compilers emit. */
#define STATE_STACK_MAX 8

static void set_rule(frame_state *s, const cie_info *cie, uint64_t reg,
                     uint8_t kind, int64_t offset) {
  register_rule rule = {kind, offset};
  if (reg == DWARF_RBP)
    s->rbp = rule;
  else if (reg == cie->ra_register)
    s->ra = rule;
}

static void restore_rule(frame_state *s, const frame_state *initial,
                         const cie_info *cie, uint64_t reg) {
  if (reg == DWARF_RBP)
    s->rbp = initial->rbp;
  else if (reg == cie->ra_register)
    s->ra = initial->ra;
}

/*
 * Runs the instructions in `c` from address `loc` while it is not past
 * `target`, updating *s; `initial` is the state the CIE's instructions
 * leave (DW_CFA_restore's), NULL while running those.  Returns false on an
 * instruction it cannot follow.
 */
static bool run_program(cursor c, const cie_info *cie, uintptr_t loc,
                        uintptr_t target, const frame_state *initial,
                        frame_state *s) {
  frame_state stack[STATE_STACK_MAX];
  unsigned depth = 0;
  while (c.p < c.end && !c.bad) {
    uint8_t op = read_u8(&c);
    uint64_t reg, delta = 0;
    switch (op & 0xc0) {
    case 0x40: /* DW_CFA_advance_loc */
      delta = op & 0x3f;
      goto advance;
    case 0x80: /* DW_CFA_offset */
      set_rule(s, cie, op & 0x3f, RULE_OFFSET,
               (int64_t)read_uleb(&c) * cie->data_align);
      continue;
    case 0xc0: /* DW_CFA_restore */
      if (!initial)
        return false;
      restore_rule(s, initial, cie, op & 0x3f);
      continue;
    }
    switch (op) {
    case 0x00: /* DW_CFA_nop */
      continue;
    case 0x01: /* DW_CFA_set_loc */
      loc = read_encoded(&c, cie->fde_encoding, 0);
      if (loc > target)
        return !c.bad;
      continue;
    case 0x02: delta = read_fixed(&c, 1); goto advance;
    case 0x03: delta = read_fixed(&c, 2); goto advance;
    case 0x04: delta = read_fixed(&c, 4); goto advance;
    case 0x05: /* DW_CFA_offset_extended */
      reg = read_uleb(&c);
      set_rule(s, cie, reg, RULE_OFFSET, (int64_t)read_uleb(&c) * cie->data_align);
      continue;
    case 0x06: /* DW_CFA_restore_extended */
      if (!initial)
        return false;
      restore_rule(s, initial, cie, read_uleb(&c));
      continue;
    case 0x07: /* DW_CFA_undefined */
      set_rule(s, cie, read_uleb(&c), RULE_UNDEFINED, 0);
      continue;
    case 0x08: /* DW_CFA_same_value */
      set_rule(s, cie, read_uleb(&c), RULE_SAME, 0);
      continue;
    case 0x09: /* DW_CFA_register */
      reg = read_uleb(&c);
      read_uleb(&c);
      set_rule(s, cie, reg, RULE_OTHER, 0);
      continue;
    case 0x0a: /* DW_CFA_remember_state: the CFA's rule too, as libgcc */
      if (depth == STATE_STACK_MAX)
        return false;
      stack[depth++] = *s;
      continue;
    case 0x0b: /* DW_CFA_restore_state */
      if (!depth)
        return false;
      *s = stack[--depth];
      continue;
    case 0x0c: /* DW_CFA_def_cfa */
      s->cfa_register = read_uleb(&c);
      s->cfa_offset = (int64_t)read_uleb(&c);
      s->cfa_other = false;
      continue;
    case 0x0d: /* DW_CFA_def_cfa_register */
      s->cfa_register = read_uleb(&c);
      s->cfa_other = false;
      continue;
    case 0x0e: /* DW_CFA_def_cfa_offset */
      s->cfa_offset = (int64_t)read_uleb(&c);
      continue;
    case 0x0f: /* DW_CFA_def_cfa_expression: not a rule the walk keeps */
      return false;
    case 0x10: /* DW_CFA_expression */
    case 0x16: /* DW_CFA_val_expression */
      reg = read_uleb(&c);
      delta = read_uleb(&c);
      if (delta > (uint64_t)(c.end - c.p))
        return false;
      c.p += delta;
      set_rule(s, cie, reg, RULE_OTHER, 0);
      continue;
    case 0x11: /* DW_CFA_offset_extended_sf */
      reg = read_uleb(&c);
      set_rule(s, cie, reg, RULE_OFFSET, read_sleb(&c) * cie->data_align);
      continue;
    case 0x12: /* DW_CFA_def_cfa_sf */
      s->cfa_register = read_uleb(&c);
      s->cfa_offset = read_sleb(&c) * cie->data_align;
      s->cfa_other = false;
      continue;
    case 0x13: /* DW_CFA_def_cfa_offset_sf */
      s->cfa_offset = read_sleb(&c) * cie->data_align;
      continue;
    case 0x14: /* DW_CFA_val_offset */
    case 0x15: /* DW_CFA_val_offset_sf */
      reg = read_uleb(&c);
      if (op == 0x14)
        read_uleb(&c);
      else
        read_sleb(&c);
      set_rule(s, cie, reg, RULE_OTHER, 0);
      continue;
    case 0x2e: /* DW_CFA_GNU_args_size */
      read_uleb(&c);
      continue;
    case 0x2f: /* DW_CFA_GNU_negative_offset_extended */
      reg = read_uleb(&c);
      set_rule(s, cie, reg, RULE_OFFSET, -(int64_t)read_uleb(&c) * cie->data_align);
      continue;
    default:
      return false;
    }
  advance:
    loc += delta * cie->code_align;
    if (loc > target)
      return !c.bad;
  }
  return !c.bad;
}

/* ----- rules -------------------------------------------------------------- */

enum rule_type { RULE_UNKNOWN, RULE_STEP, RULE_END, RULE_NONE };

/* How to find a frame's caller: CFA = (rbp or rsp) + cfa_offset, the
 * return address at CFA-8, the caller's rbp at CFA - rbp_slot (0: rbp is
 * unchanged).  RULE_END: the return address is undefined (the outermost
 * frame); RULE_NONE: the walk cannot follow this frame. */
typedef struct unwind_rule {
  uint8_t type;
  bool cfa_from_rbp;
  uint32_t cfa_offset, rbp_slot;
} unwind_rule;

/* Works out the rule at return address pc from its FDE. */
static unwind_rule compute_rule(uintptr_t pc) {
  const unwind_rule none = {.type = RULE_NONE};
  /* The call, not the return address: a call that ends a function
   * (noreturn) returns to the next function's first byte. */
  uintptr_t target = pc - 1;
  const uint8_t *fde = find_fde(target);
  cursor c;
  const uint8_t *body = fde ? open_entry(fde, &c) : NULL;
  if (!body)
    return none;
  uint32_t cie_offset = (uint32_t)read_fixed(&c, 4);
  cie_info cie;
  if (!cie_offset || (uintptr_t)cie_offset > (uintptr_t)body ||
      !parse_cie(body - cie_offset, &cie))
    return none;
  uintptr_t start = read_encoded(&c, cie.fde_encoding, 0);
  uintptr_t range = read_encoded(&c, cie.fde_encoding & PE_FORMAT, 0);
  if (cie.has_augmentation_data) {
    uint64_t size = read_uleb(&c);
    if (size > (uint64_t)(c.end - c.p))
      return none;
    c.p += size;
  }
  if (c.bad || target - start >= range)
    return none;
  frame_state initial = {.cfa_other = true};
  if (!run_program(cie.program, &cie, 0, UINTPTR_MAX, NULL, &initial))
    return none;
  frame_state s = initial;
  if (!run_program(c, &cie, start, target, &initial, &s))
    return none;

  if (s.ra.kind == RULE_UNDEFINED)
    return (unwind_rule){.type = RULE_END};
  bool from_rbp = s.cfa_register == DWARF_RBP;
  if (s.cfa_other || (!from_rbp && s.cfa_register != DWARF_RSP) ||
      s.cfa_offset < (from_rbp ? 16 : 8) || s.cfa_offset > INT32_MAX ||
      s.ra.kind != RULE_OFFSET || s.ra.offset != -8)
    return none;
  unwind_rule rule = {RULE_STEP, from_rbp, (uint32_t)s.cfa_offset, 0};
  if (s.rbp.kind == RULE_OFFSET && s.rbp.offset < -8 &&
      s.rbp.offset >= INT32_MIN)
    rule.rbp_slot = (uint32_t)-s.rbp.offset;
  else if (s.rbp.kind != RULE_SAME)
    return none;
  return rule;
}

/*
 * The cache: one 64-bit word per entry, so that threads read and fill it
 * without a lock.  An entry is indexed by a hash of the return address and
 * holds its upper bits, which with the index give the whole address, and
 * the rule: bits 0-1 the type, 2 whether the CFA is from rbp, 3-20 the CFA
 * offset in words, 21-28 rbp's slot in words.  A rule whose offsets do not
 * fit is worked out at every use.
 */
#define RULE_CACHE_BITS 12
#define RULE_CACHE_SIZE (1u << RULE_CACHE_BITS)
#define CACHED_PC_BITS 47 /* user space on x86-64 with 4-level paging */

/* Mapped at the first walk that needs it: a process that never meets code
 * without frame pointers maps nothing (test/torture/address-space.c). */
static _Atomic(_Atomic uint64_t *) rule_cache;

static _Atomic uint64_t *the_rule_cache(void) {
  _Atomic uint64_t *cache =
      atomic_load_explicit(&rule_cache, memory_order_acquire);
  if (tm_likely(cache))
    return cache;
  _Atomic uint64_t *mine = tm_map(RULE_CACHE_SIZE * sizeof *mine);
  if (!mine)
    return NULL; /* every rule is worked out at every use */
  if (atomic_compare_exchange_strong_explicit(&rule_cache, &cache, mine,
                                              memory_order_acq_rel,
                                              memory_order_acquire))
    return mine;
  tm_unmap(mine, RULE_CACHE_SIZE * sizeof *mine); /* another thread's won */
  return cache;
}

static inline uint32_t cache_index(uintptr_t pc) {
  return (uint32_t)(pc ^ (pc >> RULE_CACHE_BITS)) & (RULE_CACHE_SIZE - 1);
}

static inline uint64_t cache_tag(uintptr_t pc) {
  return (uint64_t)(pc >> RULE_CACHE_BITS) << 29;
}

static uint64_t pack_rule(uintptr_t pc, unwind_rule r) {
  if (pc >> CACHED_PC_BITS || r.cfa_offset % 8 || r.rbp_slot % 8 ||
      r.cfa_offset / 8 >= (1u << 18) || r.rbp_slot / 8 >= (1u << 8))
    return 0;
  return cache_tag(pc) | r.type | (uint64_t)r.cfa_from_rbp << 2 |
         (uint64_t)(r.cfa_offset / 8) << 3 | (uint64_t)(r.rbp_slot / 8) << 21;
}

static unwind_rule rule_at(_Atomic uint64_t *cache, uintptr_t pc) {
  _Atomic uint64_t *entry = cache ? &cache[cache_index(pc)] : NULL;
  uint64_t word = entry ? atomic_load_explicit(entry, memory_order_relaxed) : 0;
  if (tm_likely((word & ~(((uint64_t)1 << 29) - 1)) == cache_tag(pc) &&
                (word & 3) != RULE_UNKNOWN && !(pc >> CACHED_PC_BITS)))
    return (unwind_rule){(uint8_t)(word & 3), (word >> 2) & 1,
                         (uint32_t)((word >> 3) & 0x3ffff) * 8,
                         (uint32_t)((word >> 21) & 0xff) * 8};
  unwind_rule rule = compute_rule(pc);
  uint64_t packed = pack_rule(pc, rule);
  if (packed && entry)
    atomic_store_explicit(entry, packed, memory_order_relaxed);
  return rule;
}

/* ----- the walk ----------------------------------------------------------- */

bool tm_unwind_cfi(uintptr_t record, uintptr_t *pcs, size_t *n, size_t max,
                   size_t *depth) {
  uintptr_t lo = tm_self.stack_lo, hi = tm_self.stack_hi;
  /* The frame record tm_unwind stopped at: its return address is into the
   * function whose frame is next, called with rsp just above the record
   * and rbp as the record saved it. */
  uintptr_t pc = ((const uintptr_t *)record)[1];
  uintptr_t sp = record + 16, fp = ((const uintptr_t *)record)[0];
  size_t count = *n, total = *depth;
  _Atomic uint64_t *cache = the_rule_cache();
  while (total < TM_UNWIND_MAX_DEPTH) {
    uintptr_t cfa, ra, caller_fp;
    bool through_record = tm_unwind_trusts(pc);
    if (through_record) {
      /* A function with frame pointers, reached from one without: its
       * record is where rbp points. */
      if (!tm_unwind_in_stack(fp, lo, hi) || fp < sp)
        return false;
      caller_fp = ((const uintptr_t *)fp)[0];
      ra = ((const uintptr_t *)fp)[1];
      cfa = fp + 16;
    } else {
      unwind_rule rule = rule_at(cache, pc);
      if (rule.type == RULE_END)
        break;
      if (rule.type != RULE_STEP)
        return false;
      cfa = (rule.cfa_from_rbp ? fp : sp) + rule.cfa_offset;
      uintptr_t lowest = cfa - (rule.rbp_slot > 8 ? rule.rbp_slot : 8);
      if (cfa < sp || cfa > hi || lowest < sp || lowest > cfa || (cfa & 7))
        return false;
      ra = ((const uintptr_t *)cfa)[-1];
      caller_fp = rule.rbp_slot ? *(const uintptr_t *)(cfa - rule.rbp_slot) : fp;
    }
    if (!ra)
      break;
    if (count < max)
      pcs[count++] = ra;
    total++;
    /* main's or a thread function's record, returning into the start-up
     * code: where a walk of frame records ends too. */
    if (through_record && !tm_unwind_trusts(ra) &&
        tm_unwind_is_outermost(fp, ra, caller_fp, hi))
      break;
    if (cfa <= sp)
      return false; /* no progress: not a frame below its caller's */
    pc = ra;
    sp = cfa;
    fp = caller_fp;
  }
  *n = count;
  *depth = total;
  return true;
}

#else /* not x86-64: the system's unwinder does it all */

bool tm_unwind_cfi(uintptr_t record, uintptr_t *pcs, size_t *n, size_t max,
                   size_t *depth) {
  return false;
}

#endif
