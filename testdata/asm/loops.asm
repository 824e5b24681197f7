; tracepoint:syscalls:sys_enter_read: 86 instructions, 93 slots
probe:
	  0: Call FnGetCurrentPidTgid
	  1: RShImm dst: r0 imm: 32
	  2: MovReg dst: r1 src: r0
	  3: ModImm dst: r1 imm: 8
	  4: LShImm dst: r1 imm: 32
	  5: ArShImm dst: r1 imm: 32
	  6: JSLEImm dst: r1 off: -1 imm: 0 <went_on_4>
	  7: StMemDW dst: rfp src: r0 off: -8 imm: 0
	  8: LdImmDW dst: r2 imm: -1 <for_range_3>
	 10: MovReg dst: r3 src: rfp
	 11: AddImm dst: r3 imm: -24
	 12: MovImm dst: r4 imm: 0
	 13: Call FnLoop
	 14: LdXMemDW dst: r1 src: rfp off: -8 imm: 0
	 15: JEqImm dst: r1 off: -1 imm: 0 <went_on_4>
	 16: Ja off: -1 <aggdone_11>
went_on_4:
	 17: MovImm dst: r1 imm: 0
while_5:
	 18: JSGEImm dst: r1 off: -1 imm: 4 <endwhile_6>
	 19: MovImm dst: r2 imm: 1
	 20: AddReg dst: r1 src: r2
	 21: JNEImm dst: r1 off: -1 imm: 3 <while_5>
endwhile_6:
	 22: StMemDW dst: rfp src: r0 off: -32 imm: 0
	 23: LoadMapPtr dst: r1 fd: 0 <@u>
	 25: MovReg dst: r2 src: rfp
	 26: AddImm dst: r2 imm: -32
	 27: Call FnMapLookupElem
	 28: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_8>
	 29: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 30: AddImm dst: r1 imm: 1
	 31: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 32: Ja off: -1 <aggdone_9>
aggmiss_8:
	 33: StMemDW dst: rfp src: r0 off: -40 imm: 1
	 34: LoadMapPtr dst: r1 fd: 0 <@u>
	 36: MovReg dst: r2 src: rfp
	 37: AddImm dst: r2 imm: -32
	 38: MovReg dst: r3 src: rfp
	 39: AddImm dst: r3 imm: -40
	 40: MovImm dst: r4 imm: 0
	 41: Call FnMapUpdateElem
aggdone_9:
	 42: StMemDW dst: rfp src: r0 off: -32 imm: 0
	 43: LoadMapPtr dst: r1 fd: 0 <@u>
	 45: MovReg dst: r2 src: rfp
	 46: AddImm dst: r2 imm: -32
	 47: Call FnMapLookupElem
	 48: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_10>
	 49: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 50: AddImm dst: r1 imm: 1
	 51: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 52: Ja off: -1 <aggdone_11>
aggmiss_10:
	 53: StMemDW dst: rfp src: r0 off: -40 imm: 1
	 54: LoadMapPtr dst: r1 fd: 0 <@u>
	 56: MovReg dst: r2 src: rfp
	 57: AddImm dst: r2 imm: -32
	 58: MovReg dst: r3 src: rfp
	 59: AddImm dst: r3 imm: -40
	 60: MovImm dst: r4 imm: 0
	 61: Call FnMapUpdateElem
aggdone_11:
	 62: MovImm dst: r0 imm: 0
	 63: Exit
for_range_3:
	 64: JNEImm dst: r1 off: -1 imm: 3 <for_range_3.else_5>
	 65: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.else_5:
	 66: JNEImm dst: r1 off: -1 imm: 5 <for_range_3.else_6>
	 67: Ja off: -1 <for_range_3.return_1>
for_range_3.else_6:
	 68: StXMemDW dst: rfp src: r1 off: -8 imm: 0
	 69: LoadMapPtr dst: r1 fd: 0 <@>
	 71: MovReg dst: r2 src: rfp
	 72: AddImm dst: r2 imm: -8
	 73: Call FnMapLookupElem
	 74: JEqImm dst: r0 off: -1 imm: 0 <for_range_3.aggmiss_7>
	 75: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 76: AddImm dst: r1 imm: 1
	 77: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 78: Ja off: -1 <for_range_3.aggdone_8>
for_range_3.aggmiss_7:
	 79: StMemDW dst: rfp src: r0 off: -16 imm: 1
	 80: LoadMapPtr dst: r1 fd: 0 <@>
	 82: MovReg dst: r2 src: rfp
	 83: AddImm dst: r2 imm: -8
	 84: MovReg dst: r3 src: rfp
	 85: AddImm dst: r3 imm: -16
	 86: MovImm dst: r4 imm: 0
	 87: Call FnMapUpdateElem
for_range_3.aggdone_8:
	 88: MovImm dst: r0 imm: 0
	 89: Ja off: -1 <for_range_3.done_2>
for_range_3.return_1:
	 90: StMemDW dst: r2 src: r0 off: 16 imm: 1
	 91: MovImm dst: r0 imm: 1
for_range_3.done_2:
	 92: Exit

