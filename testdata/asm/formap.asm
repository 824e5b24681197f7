; tracepoint:syscalls:sys_enter_read: 163 instructions, 176 slots
probe:
	  0: MovReg dst: r7 src: r1
	  1: StMemW dst: rfp src: r0 off: -64 imm: 0
	  2: LoadMapPtr dst: r1 fd: 0 <scratch>
	  4: MovReg dst: r2 src: rfp
	  5: AddImm dst: r2 imm: -64
	  6: Call FnMapLookupElem
	  7: MovReg dst: r8 src: r0
	  8: JEqImm dst: r8 off: -1 imm: 0 <sent_7>
	  9: StMemDW dst: r8 src: r0 off: 0 imm: 0
	 10: StMemDW dst: rfp src: r0 off: -16 imm: 0
	 11: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 12: Call FnGetCurrentPidTgid
	 13: RShImm dst: r0 imm: 32
	 14: StXMemDW dst: rfp src: r0 off: -16 imm: 0
	 15: StMemDW dst: rfp src: r0 off: -24 imm: 98
	 16: LdXMemH dst: r1 src: rfp off: -24 imm: 0
	 17: StXMemH dst: rfp src: r1 off: -8 imm: 0
	 18: StMemDW dst: rfp src: r0 off: -32 imm: 3
	 19: LoadMapPtr dst: r1 fd: 0 <@two>
	 21: MovReg dst: r2 src: rfp
	 22: AddImm dst: r2 imm: -16
	 23: MovReg dst: r3 src: rfp
	 24: AddImm dst: r3 imm: -32
	 25: MovImm dst: r4 imm: 0
	 26: Call FnMapUpdateElem
	 27: MovReg dst: r1 src: rfp
	 28: AddImm dst: r1 imm: -16
	 29: MovImm dst: r2 imm: 16
	 30: Call FnGetCurrentComm
	 31: LoadMapPtr dst: r1 fd: 0 <@c>
	 33: MovReg dst: r2 src: rfp
	 34: AddImm dst: r2 imm: -16
	 35: Call FnMapLookupElem
	 36: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_2>
	 37: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 38: AddImm dst: r1 imm: 1
	 39: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 40: Ja off: -1 <aggdone_3>
aggmiss_2:
	 41: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 42: LoadMapPtr dst: r1 fd: 0 <@c>
	 44: MovReg dst: r2 src: rfp
	 45: AddImm dst: r2 imm: -16
	 46: MovReg dst: r3 src: rfp
	 47: AddImm dst: r3 imm: -24
	 48: MovImm dst: r4 imm: 0
	 49: Call FnMapUpdateElem
aggdone_3:
	 50: MovImm dst: r6 imm: 0
	 51: StMemDW dst: rfp src: r0 off: -24 imm: 120
	 52: LdXMemH dst: r1 src: rfp off: -24 imm: 0
	 53: StXMemH dst: r8 src: r1 off: 0 imm: 0
	 54: StXMemDW dst: rfp src: r8 off: -56 imm: 0
	 55: StXMemDW dst: rfp src: r7 off: -48 imm: 0
	 56: StXMemDW dst: r8 src: r6 off: 8 imm: 0
	 57: StMemDW dst: rfp src: r0 off: -40 imm: 0
	 58: LoadMapPtr dst: r1 fd: 0 <@two>
	 60: LdImmDW dst: r2 imm: -1 <for_each_4>
	 62: MovReg dst: r3 src: rfp
	 63: AddImm dst: r3 imm: -56
	 64: MovImm dst: r4 imm: 0
	 65: Call FnForEachMapElem
	 66: LdXMemDW dst: r6 src: r8 off: 8 imm: 0
	 67: LdXMemDW dst: r1 src: rfp off: -40 imm: 0
	 68: JEqImm dst: r1 off: -1 imm: 0 <went_on_5>
	 69: Ja off: -1 <sent_7>
went_on_5:
	 70: LoadMapPtr dst: r1 fd: 0 <events>
	 72: MovImm dst: r2 imm: 24
	 73: MovImm dst: r3 imm: 0
	 74: Call FnRingbufReserve
	 75: MovReg dst: r1 src: r0
	 76: JEqImm dst: r1 off: -1 imm: 0 <lost_6>
	 77: StMemDW dst: r1 src: r0 off: 0 imm: 0
	 78: StXMemDW dst: r1 src: r6 off: 8 imm: 0
	 79: LdXMemH dst: r2 src: r8 off: 0 imm: 0
	 80: StXMemH dst: r1 src: r2 off: 16 imm: 0
	 81: MovImm dst: r2 imm: 0
	 82: Call FnRingbufSubmit
	 83: Ja off: -1 <sent_7>
lost_6:
	 84: LoadMapValue dst: r2, fd: 0 off: 0 <counters>
	 86: MovImm dst: r1 imm: 1
	 87: StXAtomicAddDW dst: r2 src: r1 off: 0
sent_7:
	 88: MovImm dst: r0 imm: 0
	 89: Exit
for_each_4:
	 90: LdXMemDW dst: r7 src: r4 off: 0 imm: 0
	 91: LdXMemDW dst: r5 src: r4 off: 8 imm: 0
	 92: LdXMemDW dst: r6 src: r7 off: 8 imm: 0
	 93: StMemDW dst: r7 src: r0 off: 16 imm: 0
	 94: StMemDW dst: r7 src: r0 off: 24 imm: 0
	 95: StMemDW dst: r7 src: r0 off: 32 imm: 0
	 96: LdXMemDW dst: r1 src: r2 off: 0 imm: 0
	 97: StXMemDW dst: r7 src: r1 off: 16 imm: 0
	 98: LdXMemH dst: r1 src: r2 off: 8 imm: 0
	 99: StXMemH dst: r7 src: r1 off: 24 imm: 0
	100: LdXMemDW dst: r1 src: r3 off: 0 imm: 0
	101: StXMemDW dst: r7 src: r1 off: 32 imm: 0
	102: LdXMemDW dst: r1 src: r7 off: 32 imm: 0
	103: JNEImm dst: r1 off: -1 imm: 2 <for_each_4.else_5>
	104: Ja off: -1 <for_each_4.continue_4>
for_each_4.else_5:
	105: LdXMemDW dst: r2 src: r7 off: 16 imm: 0
	106: LdXMemW dst: r1 src: r5 off: 16 imm: 0
	107: AddReg dst: r1 src: r2
	108: AddReg dst: r6 src: r1
	109: LdXMemH dst: r1 src: r7 off: 24 imm: 0
	110: StXMemH dst: r7 src: r1 off: 0 imm: 0
	111: JSLEImm dst: r6 off: -1 imm: 100 <for_each_4.else_6>
	112: Ja off: -1 <for_each_4.return_1>
for_each_4.else_6:
	113: StXMemDW dst: rfp src: r7 off: -16 imm: 0
	114: LoadMapPtr dst: r1 fd: 0 <@c>
	116: LdImmDW dst: r2 imm: -1 <for_each_4_for_each_7>
	118: MovReg dst: r3 src: rfp
	119: AddImm dst: r3 imm: -16
	120: MovImm dst: r4 imm: 0
	121: Call FnForEachMapElem
for_each_4.continue_4:
	122: MovImm dst: r0 imm: 0
	123: Ja off: -1 <for_each_4.done_2>
for_each_4.return_1:
	124: StMemDW dst: r4 src: r0 off: 16 imm: 1
	125: MovImm dst: r0 imm: 1
for_each_4.done_2:
	126: StXMemDW dst: r7 src: r6 off: 8 imm: 0
	127: Exit
for_each_4_for_each_7:
	128: MovReg dst: r6 src: r2
	129: LdXMemDW dst: r8 src: r4 off: 0 imm: 0
	130: StMemDW dst: rfp src: r0 off: -24 imm: 0
	131: StMemDW dst: rfp src: r0 off: -16 imm: 0
	132: StMemDW dst: rfp src: r0 off: -8 imm: 0
	133: LdXMemDW dst: r1 src: r6 off: 0 imm: 0
	134: StXMemDW dst: rfp src: r1 off: -24 imm: 0
	135: LdXMemDW dst: r1 src: r6 off: 8 imm: 0
	136: StXMemDW dst: rfp src: r1 off: -16 imm: 0
	137: MovImm dst: r7 imm: 0
	138: MovReg dst: r2 src: r6
	139: LoadMapPtr dst: r1 fd: 0 <@c>
	141: MovImm dst: r3 imm: 0
	142: Call FnMapLookupPercpuElem
	143: JEqImm dst: r0 off: -1 imm: 0 <for_each_4_for_each_7.cpu_5>
	144: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	145: AddReg dst: r7 src: r1
for_each_4_for_each_7.cpu_5:
	146: MovReg dst: r2 src: r6
	147: LoadMapPtr dst: r1 fd: 0 <@c>
	149: MovImm dst: r3 imm: 1
	150: Call FnMapLookupPercpuElem
	151: JEqImm dst: r0 off: -1 imm: 0 <for_each_4_for_each_7.cpu_6>
	152: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	153: AddReg dst: r7 src: r1
for_each_4_for_each_7.cpu_6:
	154: StXMemDW dst: rfp src: r7 off: -8 imm: 0
	155: LdXMemDW dst: r1 src: rfp off: -8 imm: 0
	156: JSLEImm dst: r1 off: -1 imm: 3 <for_each_4_for_each_7.else_7>
	157: Ja off: -1 <for_each_4_for_each_7.break_3>
for_each_4_for_each_7.else_7:
	158: LdXMemDW dst: r1 src: rfp off: -24 imm: 0
	159: StXMemDW dst: rfp src: r1 off: -40 imm: 0
	160: LdXMemDW dst: r1 src: rfp off: -16 imm: 0
	161: StXMemDW dst: rfp src: r1 off: -32 imm: 0
	162: LdXMemDW dst: r1 src: r8 off: 32 imm: 0
	163: StXMemDW dst: rfp src: r1 off: -48 imm: 0
	164: LoadMapPtr dst: r1 fd: 0 <@seen>
	166: MovReg dst: r2 src: rfp
	167: AddImm dst: r2 imm: -40
	168: MovReg dst: r3 src: rfp
	169: AddImm dst: r3 imm: -48
	170: MovImm dst: r4 imm: 0
	171: Call FnMapUpdateElem
	172: MovImm dst: r0 imm: 0
	173: Ja off: -1 <for_each_4_for_each_7.done_2>
for_each_4_for_each_7.break_3:
	174: MovImm dst: r0 imm: 1
for_each_4_for_each_7.done_2:
	175: Exit

