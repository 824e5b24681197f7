; tracepoint:syscalls:sys_enter_read: 174 instructions, 187 slots
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
	 29: StMemDW dst: rfp src: r0 off: -24 imm: 0
	 30: StXMemDW dst: rfp src: r2 off: -16 imm: 0
	 31: StXMemDW dst: r7 src: r6 off: 16 imm: 0
	 32: LdImmDW dst: r2 imm: -1 <for_range_3>
	 34: MovReg dst: r3 src: rfp
	 35: AddImm dst: r3 imm: -32
	 36: MovImm dst: r4 imm: 0
	 37: Call FnLoop
	 38: LdXMemDW dst: r6 src: r7 off: 16 imm: 0
endfor_2:
	 39: MovImm dst: r1 imm: 3
	 40: LdImmDW dst: r2 imm: -1 <for_range_4>
	 42: MovImm dst: r3 imm: 0
	 43: MovImm dst: r4 imm: 0
	 44: Call FnLoop
	 45: LoadMapPtr dst: r1 fd: 0 <events>
	 47: MovImm dst: r2 imm: 32
	 48: MovImm dst: r3 imm: 0
	 49: Call FnRingbufReserve
	 50: MovReg dst: r1 src: r0
	 51: JEqImm dst: r1 off: -1 imm: 0 <lost_5>
	 52: StMemDW dst: r1 src: r0 off: 0 imm: 0
	 53: StXMemDW dst: r1 src: r6 off: 8 imm: 0
	 54: LdXMemDW dst: r2 src: r7 off: 0 imm: 0
	 55: StXMemDW dst: r1 src: r2 off: 16 imm: 0
	 56: LdXMemDW dst: r2 src: r7 off: 8 imm: 0
	 57: StXMemDW dst: r1 src: r2 off: 24 imm: 0
	 58: MovImm dst: r2 imm: 0
	 59: Call FnRingbufSubmit
	 60: Ja off: -1 <sent_6>
lost_5:
	 61: LoadMapValue dst: r2, fd: 0 off: 0 <counters>
	 63: MovImm dst: r1 imm: 1
	 64: StXAtomicAddDW dst: r2 src: r1 off: 0
sent_6:
	 65: MovImm dst: r0 imm: 0
	 66: Exit
for_range_3:
	 67: LdXMemDW dst: r8 src: r2 off: 0 imm: 0
	 68: LdXMemDW dst: r2 src: r2 off: 16 imm: 0
	 69: LdXMemDW dst: r7 src: r8 off: 16 imm: 0
	 70: MovReg dst: r6 src: r1
	 71: AddReg dst: r6 src: r2
	 72: MovImm dst: r1 imm: 1
	 73: AddReg dst: r7 src: r1
	 74: JSLEImm dst: r7 off: -1 imm: 2 <for_range_3.else_5>
	 75: Ja off: -1 <for_range_3.break_3>
for_range_3.else_5:
	 76: MovReg dst: r1 src: r6
	 77: MovImm dst: r3 imm: 0
	 78: JSLTImm dst: r1 off: -1 imm: 0 <for_range_3.hs_12>
	 79: MovImm dst: r3 imm: 1
	 80: JEqImm dst: r1 off: -1 imm: 0 <for_range_3.hs_12>
	 81: MovImm dst: r3 imm: 2
	 82: LdImmDW dst: r2 imm: 4294967296
	 84: JLTReg dst: r1 off: -1 src: r2 <for_range_3.hs_7>
	 85: RShImm dst: r1 imm: 32
	 86: AddImm dst: r3 imm: 32
for_range_3.hs_7:
	 87: JLTImm dst: r1 off: -1 imm: 65536 <for_range_3.hs_8>
	 88: RShImm dst: r1 imm: 16
	 89: AddImm dst: r3 imm: 16
for_range_3.hs_8:
	 90: JLTImm dst: r1 off: -1 imm: 256 <for_range_3.hs_9>
	 91: RShImm dst: r1 imm: 8
	 92: AddImm dst: r3 imm: 8
for_range_3.hs_9:
	 93: JLTImm dst: r1 off: -1 imm: 16 <for_range_3.hs_10>
	 94: RShImm dst: r1 imm: 4
	 95: AddImm dst: r3 imm: 4
for_range_3.hs_10:
	 96: JLTImm dst: r1 off: -1 imm: 4 <for_range_3.hs_11>
	 97: RShImm dst: r1 imm: 2
	 98: AddImm dst: r3 imm: 2
for_range_3.hs_11:
	 99: JLTImm dst: r1 off: -1 imm: 2 <for_range_3.hs_12>
	100: AddImm dst: r3 imm: 1
for_range_3.hs_12:
	101: StXMemDW dst: rfp src: r3 off: -8 imm: 0
	102: LoadMapPtr dst: r1 fd: 0 <@h>
	104: MovReg dst: r2 src: rfp
	105: AddImm dst: r2 imm: -8
	106: Call FnMapLookupElem
	107: JEqImm dst: r0 off: -1 imm: 0 <for_range_3.aggmiss_13>
	108: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	109: AddImm dst: r1 imm: 1
	110: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	111: Ja off: -1 <for_range_3.aggdone_14>
for_range_3.aggmiss_13:
	112: StMemDW dst: rfp src: r0 off: -16 imm: 1
	113: LoadMapPtr dst: r1 fd: 0 <@h>
	115: MovReg dst: r2 src: rfp
	116: AddImm dst: r2 imm: -8
	117: MovReg dst: r3 src: rfp
	118: AddImm dst: r3 imm: -16
	119: MovImm dst: r4 imm: 0
	120: Call FnMapUpdateElem
for_range_3.aggdone_14:
	121: MovReg dst: r1 src: r6
	122: LShImm dst: r1 imm: 32
	123: ArShImm dst: r1 imm: 32
	124: JSLEImm dst: r1 off: -1 imm: 0 <for_range_3.endfor_15>
	125: StXMemDW dst: rfp src: r8 off: -32 imm: 0
	126: StMemDW dst: rfp src: r0 off: -24 imm: 0
	127: LdImmDW dst: r2 imm: -1 <for_range_3_for_range_16>
	129: MovReg dst: r3 src: rfp
	130: AddImm dst: r3 imm: -32
	131: MovImm dst: r4 imm: 0
	132: Call FnLoop
for_range_3.endfor_15:
	133: MovImm dst: r0 imm: 0
	134: Ja off: -1 <for_range_3.done_2>
for_range_3.break_3:
	135: MovImm dst: r0 imm: 1
for_range_3.done_2:
	136: StXMemDW dst: r8 src: r7 off: 16 imm: 0
	137: Exit
for_range_3_for_range_16:
	138: MovReg dst: r6 src: r1
	139: LdXMemDW dst: r1 src: r2 off: 0 imm: 0
	140: MovImm dst: r2 imm: 16
	141: Call FnGetCurrentComm
	142: StXMemDW dst: rfp src: r6 off: -8 imm: 0
	143: LoadMapPtr dst: r1 fd: 0 <@c>
	145: MovReg dst: r2 src: rfp
	146: AddImm dst: r2 imm: -8
	147: Call FnMapLookupElem
	148: JEqImm dst: r0 off: -1 imm: 0 <for_range_3_for_range_16.aggmiss_5>
	149: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	150: AddImm dst: r1 imm: 1
	151: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	152: Ja off: -1 <for_range_3_for_range_16.aggdone_6>
for_range_3_for_range_16.aggmiss_5:
	153: StMemDW dst: rfp src: r0 off: -16 imm: 1
	154: LoadMapPtr dst: r1 fd: 0 <@c>
	156: MovReg dst: r2 src: rfp
	157: AddImm dst: r2 imm: -8
	158: MovReg dst: r3 src: rfp
	159: AddImm dst: r3 imm: -16
	160: MovImm dst: r4 imm: 0
	161: Call FnMapUpdateElem
for_range_3_for_range_16.aggdone_6:
	162: MovImm dst: r0 imm: 0
	163: Exit
for_range_4:
	164: AddImm dst: r1 imm: 1
	165: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	166: LoadMapPtr dst: r1 fd: 0 <@k>
	168: MovReg dst: r2 src: rfp
	169: AddImm dst: r2 imm: -8
	170: Call FnMapLookupElem
	171: JEqImm dst: r0 off: -1 imm: 0 <for_range_4.aggmiss_5>
	172: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	173: AddImm dst: r1 imm: 1
	174: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	175: Ja off: -1 <for_range_4.aggdone_6>
for_range_4.aggmiss_5:
	176: StMemDW dst: rfp src: r0 off: -16 imm: 1
	177: LoadMapPtr dst: r1 fd: 0 <@k>
	179: MovReg dst: r2 src: rfp
	180: AddImm dst: r2 imm: -8
	181: MovReg dst: r3 src: rfp
	182: AddImm dst: r3 imm: -16
	183: MovImm dst: r4 imm: 0
	184: Call FnMapUpdateElem
for_range_4.aggdone_6:
	185: MovImm dst: r0 imm: 0
	186: Exit

