// RUN: rm -rf %t && mkdir %t && cd %t
// RUN: %tmcc -O1 %s -o prog
// The program's path holds bytes that are not UTF-8 and an escape.
// RUN: sh -c 'p=$(printf "p\377\033og") && cp prog "$p" && env TRACEMALLOC=2 TRACEMALLOC_DUMP=odd.dump "./$p"'
// Function names are C identifiers: the dump's bytes stand in for names
// that other compilers or a damaged file may give.
// RUN: python3 %inputs/dump_sections.py rewrite odd.dump names.dump --rename fine 'f\xffine\x07<&>' --rename bad_bytes 'x\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9'
// RUN: %tmreport top names.dump > top.txt
// RUN: FileCheck %s --check-prefix=TOP < top.txt
// RUN: %tmreport top --key traceback names.dump > traceback.txt
// RUN: %tmreport top --json --key traceback names.dump > top.json
// RUN: python3 -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8")); assert any("\ufffd" in f["function"] for s in d["statistics"] for f in s["traceback"]), d' top.json
// RUN: FileCheck %s --check-prefix=TRACEBACK < traceback.txt
// RUN: %tmreport diff odd.dump names.dump > diff.txt
// RUN: %tmreport info names.dump > info.txt
// RUN: FileCheck %s --check-prefix=INFO < info.txt
// RUN: %tmreport folded names.dump > folded.txt
// RUN: FileCheck %s --check-prefix=FOLDED < folded.txt
// RUN: %tmreport flamegraph names.dump -o graph.svg
// RUN: xmllint --noout graph.svg
// RUN: FileCheck %s --check-prefix=SVG < graph.svg
// RUN: sh -c '%tmreport timeline names.dump -o timeline.svg --title "$(printf "T\377\001<")"'
// RUN: xmllint --noout timeline.svg
// RUN: FileCheck %s --check-prefix=TIMELINE < timeline.svg
// RUN: %tmreport html names.dump -o page.html
// RUN: python3 %S/Inputs/html_check.py page.html > page.txt
// RUN: FileCheck %s --check-prefix=PAGE < page.txt
// RUN: %tmreport pprof names.dump -o profile.pb.gz
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -raw profile.pb.gz > raw.txt
// RUN: FileCheck %s --check-prefix=PPROF < raw.txt
// RUN: python3 %S/Inputs/text_check.py top.txt traceback.txt diff.txt info.txt folded.txt graph.svg timeline.svg page.html raw.txt
// The names of a dump are bytes; every report is UTF-8 text that its
// readers take (an XML parser, an HTML parser, pprof, a terminal): each
// sequence that is not UTF-8 is one U+FFFD per maximal subpart, as
// Python's bytes.decode("utf-8", "replace") gives it (2 for \xff\xfe; 2
// for the overlong \xc0\xaf, 3 for the surrogate \xed\xa0\x80, 4 for
// \xf4\x90\x80\x80 past U+10FFFF, 1 for \xe2\x82 cut short), and so is
// each control character (\x01, ESC, the C1 CSI \xc2\x9b, BEL) and
// noncharacter (U+FFFE).  Markup is escaped; valid UTF-8 stays.
#include <stdlib.h>

#define KEEP_FRAME() __asm__ volatile("")

void *blocks[8];

#line 100 "\xff\xfe.c"
__attribute__((noinline)) void bad_bytes(void) { blocks[0] = malloc(1); }
#line 200 "\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82.c"
__attribute__((noinline)) void overlong(void) { blocks[1] = malloc(2); }
#line 300 "\x01\033[31m\xc2\x9b\xef\xbf\xbe.c"
__attribute__((noinline)) void controls(void) { blocks[2] = malloc(3); }
#line 400 "a<b&\"c'</script>]]>.c"
__attribute__((noinline)) void markup(void) { blocks[3] = malloc(4); }
#line 500 "caf\xc3\xa9\xf0\x9f\x90\x8d.c"
__attribute__((noinline)) void fine(void) { blocks[4] = malloc(5); }
#line 600 "odd-names.c"
int main(void) {
  bad_bytes();
  overlong();
  controls();
  markup();
  fine();
  KEEP_FRAME();
  return 0;
}

// TOP:      café🐍.c:500: size=5 B, count=1, average=5 B
// TOP-NEXT: a<b&"c'</script>]]>.c:400: size=4 B, count=1, average=4 B
// TOP-NEXT: ��[31m��.c:300: size=3 B, count=1, average=3 B
// TOP-NEXT: ����������.c:200: size=2 B, count=1, average=2 B
// TOP-NEXT: ��.c:100: size=1 B, count=1, average=1 B
// TOP-EMPTY:

// TRACEBACK:      odd-names.c:605: size=5 B, count=1, average=5 B
// TRACEBACK-NEXT:   File "odd-names.c", line 605
// TRACEBACK:        File "café🐍.c", line 500
// TRACEBACK:        File "��[31m��.c", line 300
// TRACEBACK:        File "��.c", line 100

// INFO:      file: names.dump
// INFO:      program: {{.*}}/p��og{{$}}

// FOLDED:      main (odd-names.c:605);f�ine�<&> (café🐍.c:500) 5
// FOLDED-NEXT: main (odd-names.c:604);markup (a<b&"c'</script>]]>.c:400) 4
// FOLDED-NEXT: main (odd-names.c:603);controls (��[31m��.c:300) 3
// FOLDED-NEXT: main (odd-names.c:602);overlong (����������.c:200) 2
// FOLDED-NEXT: main (odd-names.c:601);xéééééééééééé (��.c:100) 1
// FOLDED-EMPTY:

// A label cut to fit is cut between characters: 10 of them fit in 78.67
// pixels, 8 and "..".
// SVG:      <g class="f" id="frame-{{[0-9]+}}"><title>xéééééééééééé (��.c:100)
// SVG-NEXT: 1 bytes, 1 blocks, 6.67%</title><rect {{.*}}>xééééééé..</text></g>
// SVG:      <g class="f" id="frame-{{[0-9]+}}"><title>overlong (����������.c:200)
// SVG:      <g class="f" id="frame-{{[0-9]+}}"><title>controls (��[31m��.c:300)
// SVG:      <g class="f" id="frame-{{[0-9]+}}"><title>markup (a&lt;b&amp;&quot;c'&lt;/script&gt;]]&gt;.c:400)
// SVG:      <g class="f" id="frame-{{[0-9]+}}"><title>f�ine�&lt;&amp;&gt; (café🐍.c:500)
// SVG-NEXT: 5 bytes, 1 blocks, 33.33%</title><rect {{.*}}>f�ine�&lt;&amp;&gt;</text></g>

// TIMELINE: style="font-size: 17px">T��&lt;</text>

// PAGE:      program | {{.*}}/p��og{{$}}
// PAGE:      table by-line
// PAGE:        5 B | 33.3% | 1 | 5 B | café🐍.c:500
// PAGE-NEXT:   4 B | 26.7% | 1 | 4 B | a<b&"c'</script>]]>.c:400
// PAGE-NEXT:   3 B | 20.0% | 1 | 3 B | ��[31m��.c:300
// PAGE-NEXT:   2 B | 13.3% | 1 | 2 B | ����������.c:200
// PAGE-NEXT:   1 B | 6.7% | 1 | 1 B | ��.c:100
// PAGE:      table sizes-2
// PAGE-NEXT: caption: a<b&"c'</script>]]>.c:400: 1 block, 4 bytes
// PAGE:      svg elements: 3, scripts: 5
// PAGE-NEXT: well-formed and self-contained

// PPROF: Locations
// PPROF:   1: 0x0 f�ine� café🐍.c:500 s=0(f�ine�<&>)
// PPROF:   3: 0x0 markup a<b&"c'</script>]]>.c:400 s=0
// PPROF:   5: 0x0 controls ��[31m��.c:300 s=0
// PPROF:   9: 0x0 xéééééééééééé ��.c:100 s=0
// PPROF: Mappings
// PPROF: 1: 0x0/0x0/0x0 {{.*}}/p��og [FN][FL][LN]
