// IR programs the C emitter tests run both compiled and interpreted: one that uses
// every opcode with values that do not trap (the coverage program), and small ones
// that end in each kind of runtime error.

enum Programs {
    /// Every opcode, printed as it goes. `expect` and `panic` come last: the panic is
    /// the program's (expected) runtime error.
    static let coverage = """
    mochi-ir 1
    source "coverage.mochi"

    type %P = struct { name: str, age: i64 }
    type %T = union { Leaf(), Node(l: %T, v: i64, r: %T) }

    global @count: i64
    global @names: list<str>

    func @addk(v0: i64, v1: str, v2: i64) -> i64 !1:1 {
    b0(v0: i64, v1: str, v2: i64):
      print v1 !2:3
      v3: i64 = iadd v0, v2 !3:3
      ret v3
    }

    func @show(v0: str) -> unit {
    b0(v0: str):
      print v0 !5:3
      ret
    }

    func @main() -> unit {
    b0:
      v0: i64 = iconst 7 !10:1
      v1: i64 = iconst -3 !10:1
      v2: f64 = fconst 2.5 !11:1
      v3: f64 = fconst -0.75 !11:1
      v4: bool = bconst 1 !12:1
      v5: str = sconst "héllo, wörld" !12:1
      v6: list<str> = null !12:1
      v7: i64 = copy v0 !12:1
      v8: i64 = iadd v0, v1 !13:1
      v9: i64 = isub v0, v1 !13:1
      v10: i64 = imul v8, v9 !13:1
      v11: i64 = idiv v10, v1 !13:1
      v12: i64 = irem v10, v1 !13:1
      v13: i64 = ineg v12 !13:1
      v14: bool = icmp le v13, v11 !13:1
      v15: bool = not v14 !13:1
      v16: list<i64> = list.new v7, v8, v9, v10, v11, v12, v13 !14:1
      v17: str = fmt v16 !14:1
      print v17 !14:1
      v18: f64 = fadd v2, v3 !15:1
      v19: f64 = fsub v2, v3 !15:1
      v20: f64 = fmul v18, v19 !15:1
      v21: f64 = fdiv v20, v3 !15:1
      v22: f64 = frem v20, v3 !15:1
      v23: f64 = fneg v22 !15:1
      v24: bool = fcmp lt v23, v21 !15:1
      v25: f64 = itof v0 !15:1
      v26: i64 = ftoi v21 !15:1
      v27: f64 = math1 "sqrt", v25 !15:1
      v28: f64 = math2 "pow", v2, v25 !15:1
      v29: list<f64> = list.new v18, v19, v20, v21, v22, v23, v25, v27, v28 !16:1
      v30: str = fmt v29 !16:1
      print v30 !16:1
      v31: list<bool> = list.new v4, v14, v15, v24 !16:1
      v32: str = fmt v31 !16:1
      print v32 !16:1
      v33: any = box v0 !17:1
      v34: any = box v2 !17:1
      v35: i64 = unbox v33 !17:1
      v36: any = any.add v33, v34 !17:1
      v37: any = any.sub v33, v34 !17:1
      v38: any = any.mul v33, v33 !17:1
      v39: any = any.div v33, v34 !17:1
      v40: any = any.rem v33, v33 !17:1
      v41: any = any.neg v34 !17:1
      v42: bool = any.cmp lt v33, v34 !17:1
      v43: bool = any.truthy v40 !17:1
      v44: list<any> = list.new v33, v34, v36, v37, v38, v39, v40, v41 !18:1
      v45: str = fmt v44 !18:1
      print v45 !18:1
      v46: any = box v16 !18:1
      v47: any = box v26 !18:1
      v48: any = any.index v46, v47 !18:1
      v49: i64 = any.len v46 !18:1
      v50: str = sconst "name" !19:1
      v51: %P = struct.new v50, v0 !19:1
      v52: any = box v51 !19:1
      v53: any = any.field "name", v52 !19:1
      v54: bool = cmp eq v51, v51 !19:1
      v55: str = tostr v16 !19:1
      v56: str = tojson v51 !19:1
      json v51 !19:1
      v57: list<any> = list.new v48, v53 !19:1
      v58: str = fmt v57 !19:1
      print v58 !19:1
      print v55 !19:1
      print v56 !19:1
      v59: str = str.concat v5, v50 !20:1
      v60: i64 = str.len v59 !20:1
      v61: i64 = iconst 1 !20:1
      v62: str = str.index v59, v61 !20:1
      v63: i64 = iconst 4 !20:1
      v64: str = str.slice v59, v61, v63 !20:1
      v65: bool = str.contains v59, v64 !20:1
      v66: i64 = str.find v59, v50 !20:1
      v67: str = str.upper v59 !20:1
      v68: str = str.lower v67 !20:1
      v69: str = sconst "  pad  " !20:1
      v70: str = str.trim v69 !20:1
      v71: str = sconst "," !20:1
      v72: list<str> = str.split v5, v71 !20:1
      v73: str = str.join v72, v50 !20:1
      v74: str = str.repeat v70, v1 !20:1
      v75: str = str.repeat v70, v63 !20:1
      v76: i64 = iconst 12 !20:1
      v77: str = str.padstart v70, v76, v71 !20:1
      v78: str = str.reverse v5 !20:1
      v79: str = sconst "-42" !21:1
      v80: i64 = str.toint v79 !21:1
      v81: str = sconst "3.25" !21:1
      v82: f64 = str.tofloat v81 !21:1
      v83: i64 = str.ord v62 !21:1
      v84: str = str.chr v83 !21:1
      v85: bool = str.hasprefix v59, v62 !21:1
      v86: bool = str.hassuffix v59, v50 !21:1
      v87: str = sconst "ff" !21:1
      v88: i64 = iconst 16 !21:1
      v89: i64 = str.parsebase v87, v88 !21:1
      v90: list<str> = list.new v59, v62, v64, v67, v68, v70, v73, v74, v75, v77, v78, v84 !22:1
      v91: str = fmt v90 !22:1
      print v91 !22:1
      v92: list<i64> = list.new v60, v66, v80, v83, v89, v49, v35 !22:1
      v93: str = fmt v92 !22:1
      print v93 !22:1
      v94: list<bool> = list.new v42, v43, v54, v65, v85, v86 !22:1
      v95: str = fmt v94 !22:1
      print v95 !22:1
      v96: str = fmt v82 !22:1
      print v96 !22:1
      v97: i64 = list.len v16 !23:1
      v98: i64 = list.get v16, v1 !23:1
      list.set v16, v61, v98 !23:1
      list.push v16, v97 !23:1
      v99: list<i64> = list.append v16, v0 !23:1
      v100: list<i64> = list.slice v99, v61, v63 !23:1
      v101: list<i64> = list.concat v100, v16 !23:1
      v102: bool = list.contains v101, v98 !23:1
      v103: list<i64> = list.reverse v101 !23:1
      v104: list<i64> = list.distinct v103 !23:1
      v105: list<i64> = list.union v100, v16 !23:1
      v106: list<i64> = list.unionall v100, v100 !23:1
      v107: list<i64> = list.except v16, v100 !23:1
      v108: list<i64> = list.intersect v16, v100 !23:1
      v109: i64 = list.sum v16 !23:1
      v110: f64 = list.avg v16 !23:1
      v111: i64 = list.min v16 !23:1
      v112: i64 = list.max v16 !23:1
      v113: list<i64> = list.sortby v16, v103 !23:1
      v114: i64 = iconst 0 !23:1
      v115: list<i64> = list.range v114, v76, v63 !23:1
      v116: list<list<i64>> = list.new v99, v100, v101, v103, v104, v105, v106, v107, v108, v113, v115 !24:1
      v117: str = fmt v116 !24:1
      print v117 !24:1
      v118: list<i64> = list.new v97, v98, v109, v111, v112 !24:1
      v119: str = fmt v118 !24:1
      print v119 !24:1
      v120: str = fmt v110 !24:1
      print v120 !24:1
      v121: str = fmt v102 !24:1
      print v121 !24:1
      v122: map<str, i64> = map.new v50, v0, v5, v1 !25:1
      v123: i64 = map.get v122, v50 !25:1
      v124: i64 = map.get v122, v70 !25:1
      v125: any = map.getany v122, v70 !25:1
      map.set v122, v70, v63 !25:1
      v126: bool = map.has v122, v70 !25:1
      v127: i64 = map.len v122 !25:1
      map.delete v122, v50 !25:1
      v128: list<str> = map.keys v122 !25:1
      v129: list<i64> = map.values v122 !25:1
      v130: str = fmt v122 !25:1
      print v130 !25:1
      v131: list<any> = list.new v125 !25:1
      v132: str = fmt v131 !25:1
      print v132 !25:1
      v133: list<i64> = list.new v123, v124, v127 !25:1
      v134: str = fmt v133 !25:1
      print v134 !25:1
      v135: str = fmt v128 !25:1
      print v135 !25:1
      v136: str = fmt v129 !25:1
      print v136 !25:1
      v137: %T = variant.new %T.Leaf !26:1
      v138: %T = variant.new %T.Node, v137, v0, v137 !26:1
      v139: i64 = field.get %T.Node.v, v138 !26:1
      field.set %P.age, v51, v139 !26:1
      v140: %P = record.new v5, v139 !26:1
      field.set %P.name, v140, v5 !26:1
      v141: i64 = variant.tag v138 !26:1
      v142: i64 = variant.tag v137 !26:1
      v143: list<%P> = list.new v51, v140 !26:1
      v144: str = fmt v143 !26:1
      print v144 !26:1
      v145: str = tostr v138 !26:1
      print v145 !26:1
      v146: list<i64> = list.new v141, v142 !26:1
      v147: str = fmt v146 !26:1
      print v147 !26:1
      v900: list<i64> = sha256 v5 !26:1
      v901: str = fmt v900 !26:1
      print v901 !26:1
      v910: bigint = big.fromint v0 !26:1
      v911: bigrat = big.fromint v1 !26:1
      v912: bigint = big.fromfloat v21 !26:1
      v913: bigrat = big.fromfloat v2 !26:1
      v914: bigint = big.fromstr v79 !26:1
      v915: bigrat = big.fromstr v81 !26:1
      v916: i64 = big.toint v914 !26:1
      v917: f64 = big.tofloat v915 !26:1
      v918: bigint = big.trunc v915 !26:1
      v919: bigrat = big.torat v914 !26:1
      v920: bigint = big.num v915 !26:1
      v921: bigint = big.denom v915 !26:1
      v922: bigint = big.add v910, v914 !26:1
      v923: bigrat = big.sub v911, v913 !26:1
      v924: bigint = big.mul v922, v922 !26:1
      v925: bigrat = big.div v915, v911 !26:1
      v926: bigint = big.rem v924, v910 !26:1
      v927: bigrat = big.neg v925 !26:1
      v928: bigint = big.abs v914 !26:1
      v929: bigint = big.pow v910, v76 !26:1
      v930: bool = big.cmp lt v914, v910 !26:1
      v931: list<bigint> = list.new v910, v912, v914, v918, v920, v921, v922, v924, v926, v928, v929 !26:1
      v932: str = fmt v931 !26:1
      print v932 !26:1
      v933: list<bigrat> = list.new v911, v913, v915, v919, v923, v925, v927 !26:1
      v934: str = fmt v933 !26:1
      print v934 !26:1
      v935: list<i64> = list.new v916 !26:1
      v936: str = fmt v935 !26:1
      print v936 !26:1
      v937: str = fmt v917 !26:1
      print v937 !26:1
      v938: str = fmt v930 !26:1
      print v938 !26:1
      v939: any = box v929 !26:1
      v940: bigint = unbox v939 !26:1
      v941: bigrat = unbox v33 !26:1
      v944: any = box v940 !26:1
      v945: any = box v941 !26:1
      v942: list<any> = list.new v944, v945 !26:1
      v943: str = fmt v942 !26:1
      print v943 !26:1
      v148: fn(i64) -> i64 = closure.new @addk, v0, v50 !27:1
      v149: i64 = call.closure v148, v61 !27:1
      v150: fn(str) -> unit = closure.new @show !27:1
      call.closure v150, v5 !27:1
      call @show, v50 !27:1
      v151: i64 = call @addk, v149, v5, v149 !27:1
      global.set @count, v151 !28:1
      global.set @names, v90 !28:1
      v152: i64 = global.get @count !28:1
      v153: list<str> = global.get @names !28:1
      v154: i64 = list.len v153 !28:1
      v155: list<i64> = list.new v152, v154 !28:1
      v156: str = fmt v155 !28:1
      print v156 !28:1
      v157: any = group.new !29:1
      v158: any = box v50 !29:1
      v159: any = box v5 !29:1
      group.add v157, v158, v0 !29:1
      group.add v157, v159, v1 !29:1
      group.add v157, v158, v63 !29:1
      v160: list<any> = group.result v157 !29:1
      v161: any = list.get v160, v114 !29:1
      v162: any = group.key v161 !29:1
      v163: any = group.items v161 !29:1
      v164: list<any> = list.new v162, v163 !29:1
      v165: str = fmt v164 !29:1
      print v165 !29:1
      v166: list<str> = unbox v46 !30:1
      v167: str = fmt v6 !30:1
      print v167 !30:1
      test.begin v167 !30:1
      test.end !30:1
      expect v4 !30:1
      v168: str = sconst "the end" !31:1
      panic v168 !31:1
      unreachable
    }
    """

    /// Programs that end in a runtime error, each after printing a line.
    static let errors: [(String, String)] = [
        ("overflow", """
            v1: i64 = iconst 9223372036854775807 !2:1
            v2: i64 = iconst 1 !2:1
            v3: i64 = iadd v1, v2 !3:7
            v4: str = fmt v3 !4:1
            print v4 !4:1
            ret
        """),
        ("divzero", """
            v1: i64 = iconst 1 !2:1
            v2: i64 = iconst 0 !2:1
            v3: i64 = irem v1, v2 !5:7
            ret
        """),
        ("fdivzero", """
            v1: f64 = fconst 1.0 !2:1
            v2: f64 = fconst 0.0 !2:1
            v3: f64 = fdiv v1, v2 !6:7
            ret
        """),
        ("ftoi", """
            v1: f64 = fconst 1e300 !2:1
            v3: i64 = ftoi v1 !7:7
            ret
        """),
        ("index", """
            v1: i64 = iconst 5 !2:1
            v2: list<i64> = list.new v1, v1 !2:1
            v3: i64 = list.get v2, v1 !8:7
            ret
        """),
        ("negindex", """
            v1: i64 = iconst -5 !2:1
            v2: list<i64> = list.new v1, v1 !2:1
            list.set v2, v1, v1 !9:7
            ret
        """),
        ("badcast", """
            v1: i64 = iconst 5 !2:1
            v2: any = box v1 !2:1
            v3: str = unbox v2 !10:7
            ret
        """),
        ("badcast2", """
            v1: str = sconst "x" !2:1
            v2: any = box v1 !2:1
            v3: i64 = unbox v2 !11:7
            ret
        """),
        ("expect", """
            v1: bool = bconst 0 !2:1
            expect v1 !12:7
            ret
        """),
        ("bigdivzero", """
            v1: i64 = iconst 0 !2:1
            v2: bigint = big.fromint v1 !2:1
            v3: bigint = big.rem v2, v2 !12:9
            ret
        """),
        ("ratdivzero", """
            v1: i64 = iconst 0 !2:1
            v2: bigrat = big.fromint v1 !2:1
            v3: bigrat = big.div v2, v2 !12:9
            ret
        """),
        ("bigtoint", """
            v1: i64 = iconst 4 !2:1
            v2: bigint = big.fromint v1 !2:1
            v3: i64 = iconst 40 !2:1
            v4: bigint = big.pow v2, v3 !2:1
            v5: i64 = big.toint v4 !12:11
            ret
        """),
        ("bigfromstr", """
            v1: str = sconst "1/2" !2:1
            v2: bigint = big.fromstr v1 !12:13
            ret
        """),
        ("bigfromfloat", """
            v1: f64 = fconst nan !2:1
            v2: bigrat = big.fromfloat v1 !12:13
            ret
        """),
        ("bigunbox", """
            v1: str = sconst "x" !2:1
            v2: any = box v1 !2:1
            v3: bigrat = unbox v2 !12:15
            ret
        """),
        ("toint", """
            v1: str = sconst "12x" !2:1
            v2: i64 = str.toint v1 !13:7
            ret
        """),
        ("nilclosure", """
            v1: fn(i64) -> i64 = null !2:1
            v2: i64 = iconst 1 !2:1
            v3: i64 = call.closure v1, v2 !14:7
            ret
        """),
        ("nilfield", """
            v1: %P = null !2:1
            v2: i64 = field.get %P.age, v1 !15:7
            ret
        """),
        ("unreachable", """
            v1: i64 = iconst 1 !16:1
            unreachable
        """),
        ("strindex", """
            v1: str = sconst "abc" !2:1
            v2: i64 = iconst 3 !2:1
            v3: str = str.index v1, v2 !17:7
            ret
        """),
        ("unreachable_value", """
            v1: i64 = call @noval !19:7
            ret
        """),
        ("recursion", """
            v1: i64 = iconst 0 !2:1
            v2: i64 = call @down, v1 !18:7
            ret
        """),
    ]

    /// One error program as a module: a line of output, then the body above.
    static func errorModule(_ body: String) -> String {
        """
        mochi-ir 1
        source "err.mochi"

        type %P = struct { name: str, age: i64 }

        func @down(v0: i64) -> i64 {
        b0(v0: i64):
          v1: i64 = iconst 1 !20:3
          v2: i64 = iadd v0, v1 !20:3
          v3: i64 = call @down, v2 !21:3
          ret v3
        }

        func @noval() -> i64 {
        b0:
          unreachable !22:3
        }

        func @main() -> unit {
        b0:
          v0: str = sconst "before" !1:1
          print v0 !1:1
        \(body)
        }
        """
    }
}
