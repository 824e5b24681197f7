; tracepoint:syscalls:sys_enter_read: 172 instructions, 185 slots
probe:
	  0: MovReg dst: r8 src: r1
	  1: StMemW dst: rfp src: r0 off: -40 imm: 0
	  2: LoadMapPtr dst: r1 fd: 0 <scratch>
	  4: MovReg dst: r2 src: rfp
	  5: AddImm dst: r2 imm: -40
	  6: Call FnMapLookupElem
	  7: MovReg dst: r7 src: r0
	  8: JEqImm dst: r7 off: -1 imm: 0 <sent_6>
	  9: StMemDW dst: r7 src: r0 off: 0 imm: 0
	 10: StMemDW dst: r7 src: r0 off: 8 imm: 0
	 11: MovImm dst: r6 imm: 0
	 12: StMemDW dst: rfp src: r0 off: -8 imm: 120
	 13: LdXMemH dst: r1 src: rfp off: -8 imm: 0
	 14: StXMemH dst: r7 src: r1 off: 0 imm: 0
	 15: StMemH dst: r7 src: r0 off: 2 imm: 0
	 16: StMemW dst: r7 src: r0 off: 4 imm: 0
	 17: StMemDW dst: r7 src: r0 off: 8 imm: 0
	 18: LdXMemW dst: r1 src: r8 off: 16 imm: 0
	 19: MovReg dst: r2 src: r1
	 20: LShImm dst: r2 imm: 32
	 21: ArShImm dst: r2 imm: 32
	 22: LdXMemW dst: r1 src: r8 off: 16 imm: 0
	 23: AddImm dst: r1 imm: 3
	 24: LShImm dst: r1 imm: 32
	 25: ArShImm dst: r1 imm: 32
	 26: JSLEReg dst: r1 off: -1 src: r2 <endfor_2>
	 27: SubReg dst: r1 src: r2
	 28: StXMemDW dst: rfp src: r7 off: -32 imm: 0
	 29: StXMemDW dst: rfp src: r2 off: -16 imm: 0
	 30: StXMemDW dst: r7 src: r6 off: 16 imm: 0
	 31: LdImmDW dst: r2 imm: -1 <for_range_3>
	 33: MovReg dst: r3 src: rfp
	 34: AddImm dst: r3 imm: -32
	 35: MovImm dst: r4 imm: 0
	 36: Call FnLoop
	 37: LdXMemDW dst: r6 src: r7 off: 16 imm: 0
endfor_2:
	 38: MovImm dst: r1 imm: 3
	 39: LdImmDW dst: r2 imm: -1 <for_range_4>
	 41: MovImm dst: r3 imm: 0
	 42: MovImm dst: r4 imm: 0
	 43: Call FnLoop
	 44: LoadMapPtr dst: r1 fd: 0 <events>
	 46: MovImm dst: r2 imm: 32
	 47: MovImm dst: r3 imm: 0
	 48: Call FnRingbufReserve
	 49: MovReg dst: r1 src: r0
	 50: JEqImm dst: r1 off: -1 imm: 0 <lost_5>
	 51: StMemDW dst: r1 src: r0 off: 0 imm: 0
	 52: StXMemDW dst: r1 src: r6 off: 8 imm: 0
	 53: LdXMemDW dst: r2 src: r7 off: 0 imm: 0
	 54: StXMemDW dst: r1 src: r2 off: 16 imm: 0
	 55: LdXMemDW dst: r2 src: r7 off: 8 imm: 0
	 56: StXMemDW dst: r1 src: r2 off: 24 imm: 0
	 57: MovImm dst: r2 imm: 0
	 58: Call FnRingbufSubmit
	 59: Ja off: -1 <sent_6>
lost_5:
	 60: LoadMapValue dst: r2, fd: 0 off: 0 <counters>
	 62: MovImm dst: r1 imm: 1
	 63: StXAtomicAddDW dst: r2 src: r1 off: 0
sent_6:
	 64: MovImm dst: r0 imm: 0
	 65: Exit
for_range_3:
	 66: LdXMemDW dst: r8 src: r2 off: 0 imm: 0
	 67: LdXMemDW dst: r2 src: r2 off: 16 imm: 0
	 68: LdXMemDW dst: r7 src: r8 off: 16 imm: 0
	 69: MovReg dst: r6 src: r1
	 70: AddReg dst: r6 src: r2
	 71: MovImm dst: r1 imm: 1
	 72: AddReg dst: r7 src: r1
	 73: JSLEImm dst: r7 off: -1 imm: 2 <for_range_3.else_5>
	 74: Ja off: -1 <for_range_3.break_3>
for_range_3.else_5:
	 75: MovReg dst: r1 src: r6
	 76: MovImm dst: r3 imm: 0
	 77: JSLTImm dst: r1 off: -1 imm: 0 <for_range_3.hs_12>
	 78: MovImm dst: r3 imm: 1
	 79: JEqImm dst: r1 off: -1 imm: 0 <for_range_3.hs_12>
	 80: MovImm dst: r3 imm: 2
	 81: LdImmDW dst: r2 imm: 4294967296
	 83: JLTReg dst: r1 off: -1 src: r2 <for_range_3.hs_7>
	 84: RShImm dst: r1 imm: 32
	 85: AddImm dst: r3 imm: 32
for_range_3.hs_7:
	 86: JLTImm dst: r1 off: -1 imm: 65536 <for_range_3.hs_8>
	 87: RShImm dst: r1 imm: 16
	 88: AddImm dst: r3 imm: 16
for_range_3.hs_8:
	 89: JLTImm dst: r1 off: -1 imm: 256 <for_range_3.hs_9>
	 90: RShImm dst: r1 imm: 8
	 91: AddImm dst: r3 imm: 8
for_range_3.hs_9:
	 92: JLTImm dst: r1 off: -1 imm: 16 <for_range_3.hs_10>
	 93: RShImm dst: r1 imm: 4
	 94: AddImm dst: r3 imm: 4
for_range_3.hs_10:
	 95: JLTImm dst: r1 off: -1 imm: 4 <for_range_3.hs_11>
	 96: RShImm dst: r1 imm: 2
	 97: AddImm dst: r3 imm: 2
for_range_3.hs_11:
	 98: JLTImm dst: r1 off: -1 imm: 2 <for_range_3.hs_12>
	 99: AddImm dst: r3 imm: 1
for_range_3.hs_12:
	100: StXMemDW dst: rfp src: r3 off: -8 imm: 0
	101: LoadMapPtr dst: r1 fd: 0 <@h>
	103: MovReg dst: r2 src: rfp
	104: AddImm dst: r2 imm: -8
	105: Call FnMapLookupElem
	106: JEqImm dst: r0 off: -1 imm: 0 <for_range_3.aggmiss_13>
	107: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	108: AddImm dst: r1 imm: 1
	109: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	110: Ja off: -1 <for_range_3.aggdone_14>
for_range_3.aggmiss_13:
	111: StMemDW dst: rfp src: r0 off: -16 imm: 1
	112: LoadMapPtr dst: r1 fd: 0 <@h>
	114: MovReg dst: r2 src: rfp
	115: AddImm dst: r2 imm: -8
	116: MovReg dst: r3 src: rfp
	117: AddImm dst: r3 imm: -16
	118: MovImm dst: r4 imm: 0
	119: Call FnMapUpdateElem
for_range_3.aggdone_14:
	120: MovReg dst: r1 src: r6
	121: LShImm dst: r1 imm: 32
	122: ArShImm dst: r1 imm: 32
	123: JSLEImm dst: r1 off: -1 imm: 0 <for_range_3.endfor_15>
	124: StXMemDW dst: rfp src: r8 off: -32 imm: 0
	125: LdImmDW dst: r2 imm: -1 <for_range_3_for_range_16>
	127: MovReg dst: r3 src: rfp
	128: AddImm dst: r3 imm: -32
	129: MovImm dst: r4 imm: 0
	130: Call FnLoop
for_range_3.endfor_15:
	131: MovImm dst: r0 imm: 0
	132: Ja off: -1 <for_range_3.done_2>
for_range_3.break_3:
	133: MovImm dst: r0 imm: 1
for_range_3.done_2:
	134: StXMemDW dst: r8 src: r7 off: 16 imm: 0
	135: Exit
for_range_3_for_range_16:
	136: MovReg dst: r6 src: r1
	137: LdXMemDW dst: r1 src: r2 off: 0 imm: 0
	138: MovImm dst: r2 imm: 16
	139: Call FnGetCurrentComm
	140: StXMemDW dst: rfp src: r6 off: -8 imm: 0
	141: LoadMapPtr dst: r1 fd: 0 <@c>
	143: MovReg dst: r2 src: rfp
	144: AddImm dst: r2 imm: -8
	145: Call FnMapLookupElem
	146: JEqImm dst: r0 off: -1 imm: 0 <for_range_3_for_range_16.aggmiss_5>
	147: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	148: AddImm dst: r1 imm: 1
	149: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	150: Ja off: -1 <for_range_3_for_range_16.aggdone_6>
for_range_3_for_range_16.aggmiss_5:
	151: StMemDW dst: rfp src: r0 off: -16 imm: 1
	152: LoadMapPtr dst: r1 fd: 0 <@c>
	154: MovReg dst: r2 src: rfp
	155: AddImm dst: r2 imm: -8
	156: MovReg dst: r3 src: rfp
	157: AddImm dst: r3 imm: -16
	158: MovImm dst: r4 imm: 0
	159: Call FnMapUpdateElem
for_range_3_for_range_16.aggdone_6:
	160: MovImm dst: r0 imm: 0
	161: Exit
for_range_4:
	162: AddImm dst: r1 imm: 1
	163: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	164: LoadMapPtr dst: r1 fd: 0 <@k>
	166: MovReg dst: r2 src: rfp
	167: AddImm dst: r2 imm: -8
	168: Call FnMapLookupElem
	169: JEqImm dst: r0 off: -1 imm: 0 <for_range_4.aggmiss_5>
	170: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	171: AddImm dst: r1 imm: 1
	172: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	173: Ja off: -1 <for_range_4.aggdone_6>
for_range_4.aggmiss_5:
	174: StMemDW dst: rfp src: r0 off: -16 imm: 1
	175: LoadMapPtr dst: r1 fd: 0 <@k>
	177: MovReg dst: r2 src: rfp
	178: AddImm dst: r2 imm: -8
	179: MovReg dst: r3 src: rfp
	180: AddImm dst: r3 imm: -16
	181: MovImm dst: r4 imm: 0
	182: Call FnMapUpdateElem
for_range_4.aggdone_6:
	183: MovImm dst: r0 imm: 0
	184: Exit

