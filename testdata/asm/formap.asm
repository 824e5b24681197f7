; tracepoint:syscalls:sys_enter_read: 161 instructions, 173 slots
probe:
	  0: MovReg dst: r7 src: r1
	  1: StMemDW dst: rfp src: r0 off: -40 imm: 0
	  2: StMemDW dst: rfp src: r0 off: -16 imm: 0
	  3: StMemDW dst: rfp src: r0 off: -8 imm: 0
	  4: Call FnGetCurrentPidTgid
	  5: RShImm dst: r0 imm: 32
	  6: StXMemDW dst: rfp src: r0 off: -16 imm: 0
	  7: StMemDW dst: rfp src: r0 off: -24 imm: 98
	  8: LdXMemH dst: r1 src: rfp off: -24 imm: 0
	  9: StXMemH dst: rfp src: r1 off: -8 imm: 0
	 10: StMemDW dst: rfp src: r0 off: -32 imm: 3
	 11: LoadMapPtr dst: r1 fd: 0 <@two>
	 13: MovReg dst: r2 src: rfp
	 14: AddImm dst: r2 imm: -16
	 15: MovReg dst: r3 src: rfp
	 16: AddImm dst: r3 imm: -32
	 17: MovImm dst: r4 imm: 0
	 18: Call FnMapUpdateElem
	 19: MovReg dst: r1 src: rfp
	 20: AddImm dst: r1 imm: -16
	 21: MovImm dst: r2 imm: 16
	 22: Call FnGetCurrentComm
	 23: LoadMapPtr dst: r1 fd: 0 <@c>
	 25: MovReg dst: r2 src: rfp
	 26: AddImm dst: r2 imm: -16
	 27: Call FnMapLookupElem
	 28: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_2>
	 29: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 30: AddImm dst: r1 imm: 1
	 31: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 32: Ja off: -1 <aggdone_3>
aggmiss_2:
	 33: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 34: LoadMapPtr dst: r1 fd: 0 <@c>
	 36: MovReg dst: r2 src: rfp
	 37: AddImm dst: r2 imm: -16
	 38: MovReg dst: r3 src: rfp
	 39: AddImm dst: r3 imm: -24
	 40: MovImm dst: r4 imm: 0
	 41: Call FnMapUpdateElem
aggdone_3:
	 42: MovImm dst: r6 imm: 0
	 43: StMemDW dst: rfp src: r0 off: -24 imm: 120
	 44: LdXMemH dst: r1 src: rfp off: -24 imm: 0
	 45: StXMemH dst: rfp src: r1 off: -40 imm: 0
	 46: StXMemDW dst: rfp src: r6 off: -72 imm: 0
	 47: MovReg dst: r1 src: rfp
	 48: AddImm dst: r1 imm: -40
	 49: StXMemDW dst: rfp src: r1 off: -64 imm: 0
	 50: StMemDW dst: rfp src: r0 off: -56 imm: 0
	 51: StXMemDW dst: rfp src: r7 off: -48 imm: 0
	 52: LoadMapPtr dst: r1 fd: 0 <@two>
	 54: LdImmDW dst: r2 imm: -1 <for_each_4>
	 56: MovReg dst: r3 src: rfp
	 57: AddImm dst: r3 imm: -72
	 58: MovImm dst: r4 imm: 0
	 59: Call FnForEachMapElem
	 60: LdXMemDW dst: r6 src: rfp off: -72 imm: 0
	 61: LdXMemDW dst: r1 src: rfp off: -56 imm: 0
	 62: JEqImm dst: r1 off: -1 imm: 0 <went_on_5>
	 63: Ja off: -1 <sent_7>
went_on_5:
	 64: LoadMapPtr dst: r1 fd: 0 <events>
	 66: MovImm dst: r2 imm: 24
	 67: MovImm dst: r3 imm: 0
	 68: Call FnRingbufReserve
	 69: MovReg dst: r1 src: r0
	 70: JEqImm dst: r1 off: -1 imm: 0 <lost_6>
	 71: StMemDW dst: r1 src: r0 off: 0 imm: 0
	 72: StXMemDW dst: r1 src: r6 off: 8 imm: 0
	 73: LdXMemH dst: r2 src: rfp off: -40 imm: 0
	 74: StXMemH dst: r1 src: r2 off: 16 imm: 0
	 75: MovImm dst: r2 imm: 0
	 76: Call FnRingbufSubmit
	 77: Ja off: -1 <sent_7>
lost_6:
	 78: LoadMapValue dst: r2, fd: 0 off: 0 <counters>
	 80: MovImm dst: r1 imm: 1
	 81: StXAtomicAddDW dst: r2 src: r1 off: 0
sent_7:
	 82: MovImm dst: r0 imm: 0
	 83: Exit
for_each_4:
	 84: MovReg dst: r7 src: r4
	 85: LdXMemDW dst: r6 src: r7 off: 0 imm: 0
	 86: LdXMemDW dst: r4 src: r7 off: 8 imm: 0
	 87: LdXMemDW dst: r5 src: r7 off: 24 imm: 0
	 88: StMemDW dst: rfp src: r0 off: -24 imm: 0
	 89: StMemDW dst: rfp src: r0 off: -16 imm: 0
	 90: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 91: LdXMemDW dst: r1 src: r2 off: 0 imm: 0
	 92: StXMemDW dst: rfp src: r1 off: -24 imm: 0
	 93: LdXMemDW dst: r1 src: r2 off: 8 imm: 0
	 94: StXMemDW dst: rfp src: r1 off: -16 imm: 0
	 95: LdXMemDW dst: r1 src: r3 off: 0 imm: 0
	 96: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	 97: LdXMemDW dst: r1 src: rfp off: -8 imm: 0
	 98: JNEImm dst: r1 off: -1 imm: 2 <for_each_4.else_5>
	 99: Ja off: -1 <for_each_4.continue_4>
for_each_4.else_5:
	100: LdXMemDW dst: r2 src: rfp off: -24 imm: 0
	101: LdXMemW dst: r1 src: r5 off: 16 imm: 0
	102: AddReg dst: r1 src: r2
	103: AddReg dst: r6 src: r1
	104: LdXMemH dst: r1 src: rfp off: -16 imm: 0
	105: StXMemH dst: r4 src: r1 off: 0 imm: 0
	106: JSLEImm dst: r6 off: -1 imm: 100 <for_each_4.else_6>
	107: Ja off: -1 <for_each_4.return_1>
for_each_4.else_6:
	108: MovReg dst: r1 src: rfp
	109: AddImm dst: r1 imm: -24
	110: StXMemDW dst: rfp src: r1 off: -32 imm: 0
	111: LoadMapPtr dst: r1 fd: 0 <@c>
	113: LdImmDW dst: r2 imm: -1 <for_each_4_for_each_7>
	115: MovReg dst: r3 src: rfp
	116: AddImm dst: r3 imm: -32
	117: MovImm dst: r4 imm: 0
	118: Call FnForEachMapElem
for_each_4.continue_4:
	119: MovImm dst: r0 imm: 0
	120: Ja off: -1 <for_each_4.done_2>
for_each_4.return_1:
	121: StMemDW dst: r7 src: r0 off: 16 imm: 1
	122: MovImm dst: r0 imm: 1
for_each_4.done_2:
	123: StXMemDW dst: r7 src: r6 off: 0 imm: 0
	124: Exit
for_each_4_for_each_7:
	125: MovReg dst: r6 src: r2
	126: LdXMemDW dst: r8 src: r4 off: 0 imm: 0
	127: StMemDW dst: rfp src: r0 off: -24 imm: 0
	128: StMemDW dst: rfp src: r0 off: -16 imm: 0
	129: StMemDW dst: rfp src: r0 off: -8 imm: 0
	130: LdXMemDW dst: r1 src: r6 off: 0 imm: 0
	131: StXMemDW dst: rfp src: r1 off: -24 imm: 0
	132: LdXMemDW dst: r1 src: r6 off: 8 imm: 0
	133: StXMemDW dst: rfp src: r1 off: -16 imm: 0
	134: MovImm dst: r7 imm: 0
	135: MovReg dst: r2 src: r6
	136: LoadMapPtr dst: r1 fd: 0 <@c>
	138: MovImm dst: r3 imm: 0
	139: Call FnMapLookupPercpuElem
	140: JEqImm dst: r0 off: -1 imm: 0 <for_each_4_for_each_7.cpu_5>
	141: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	142: AddReg dst: r7 src: r1
for_each_4_for_each_7.cpu_5:
	143: MovReg dst: r2 src: r6
	144: LoadMapPtr dst: r1 fd: 0 <@c>
	146: MovImm dst: r3 imm: 1
	147: Call FnMapLookupPercpuElem
	148: JEqImm dst: r0 off: -1 imm: 0 <for_each_4_for_each_7.cpu_6>
	149: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	150: AddReg dst: r7 src: r1
for_each_4_for_each_7.cpu_6:
	151: StXMemDW dst: rfp src: r7 off: -8 imm: 0
	152: LdXMemDW dst: r1 src: rfp off: -8 imm: 0
	153: JSLEImm dst: r1 off: -1 imm: 3 <for_each_4_for_each_7.else_7>
	154: Ja off: -1 <for_each_4_for_each_7.break_3>
for_each_4_for_each_7.else_7:
	155: LdXMemDW dst: r1 src: rfp off: -24 imm: 0
	156: StXMemDW dst: rfp src: r1 off: -40 imm: 0
	157: LdXMemDW dst: r1 src: rfp off: -16 imm: 0
	158: StXMemDW dst: rfp src: r1 off: -32 imm: 0
	159: LdXMemDW dst: r1 src: r8 off: 16 imm: 0
	160: StXMemDW dst: rfp src: r1 off: -48 imm: 0
	161: LoadMapPtr dst: r1 fd: 0 <@seen>
	163: MovReg dst: r2 src: rfp
	164: AddImm dst: r2 imm: -40
	165: MovReg dst: r3 src: rfp
	166: AddImm dst: r3 imm: -48
	167: MovImm dst: r4 imm: 0
	168: Call FnMapUpdateElem
	169: MovImm dst: r0 imm: 0
	170: Ja off: -1 <for_each_4_for_each_7.done_2>
for_each_4_for_each_7.break_3:
	171: MovImm dst: r0 imm: 1
for_each_4_for_each_7.done_2:
	172: Exit

