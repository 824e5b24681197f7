; tracepoint:syscalls:sys_exit_read: 84 instructions, 90 slots
probe:
	  0: MovReg dst: r6 src: r1
	  1: LdXMemDW dst: r1 src: r6 off: 16 imm: 0
	  2: JSGTImm dst: r1 off: -1 imm: 0 <body_2>
	  3: MovImm dst: r0 imm: 0
	  4: Exit
body_2:
	  5: LdXMemDW dst: r7 src: r6 off: 16 imm: 0
	  6: StMemDW dst: rfp src: r0 off: -8 imm: 0
	  7: LoadMapPtr dst: r1 fd: 0 <@s>
	  9: MovReg dst: r2 src: rfp
	 10: AddImm dst: r2 imm: -8
	 11: Call FnMapLookupElem
	 12: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_3>
	 13: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 14: AddImm dst: r1 imm: 1
	 15: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 16: LdXMemDW dst: r1 src: r0 off: 8 imm: 0
	 17: AddReg dst: r1 src: r7
	 18: StXMemDW dst: r0 src: r1 off: 8 imm: 0
	 19: Ja off: -1 <aggdone_4>
aggmiss_3:
	 20: StMemDW dst: rfp src: r0 off: -24 imm: 1
	 21: StXMemDW dst: rfp src: r7 off: -16 imm: 0
	 22: LoadMapPtr dst: r1 fd: 0 <@s>
	 24: MovReg dst: r2 src: rfp
	 25: AddImm dst: r2 imm: -8
	 26: MovReg dst: r3 src: rfp
	 27: AddImm dst: r3 imm: -24
	 28: MovImm dst: r4 imm: 0
	 29: Call FnMapUpdateElem
aggdone_4:
	 30: LdXMemDW dst: r1 src: r6 off: 16 imm: 0
	 31: MovImm dst: r7 imm: 0
	 32: JSLTImm dst: r1 off: -1 imm: 0 <ldone_5>
	 33: MovImm dst: r7 imm: 9
	 34: JSGEImm dst: r1 off: -1 imm: 4096 <ldone_5>
	 35: MovReg dst: r7 src: r1
	 36: SubImm dst: r7 imm: 0
	 37: DivImm dst: r7 imm: 512
	 38: AddImm dst: r7 imm: 1
ldone_5:
	 39: MovReg dst: r1 src: rfp
	 40: AddImm dst: r1 imm: -48
	 41: MovImm dst: r2 imm: 16
	 42: Call FnGetCurrentComm
	 43: StXMemDW dst: rfp src: r7 off: -32 imm: 0
	 44: LoadMapPtr dst: r1 fd: 0 <@l>
	 46: MovReg dst: r2 src: rfp
	 47: AddImm dst: r2 imm: -48
	 48: Call FnMapLookupElem
	 49: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_6>
	 50: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 51: AddImm dst: r1 imm: 1
	 52: StXMemDW dst: r0 src: r1 off: 0 imm: 0
	 53: Ja off: -1 <aggdone_7>
aggmiss_6:
	 54: StMemDW dst: rfp src: r0 off: -8 imm: 1
	 55: LoadMapPtr dst: r1 fd: 0 <@l>
	 57: MovReg dst: r2 src: rfp
	 58: AddImm dst: r2 imm: -48
	 59: MovReg dst: r3 src: rfp
	 60: AddImm dst: r3 imm: -8
	 61: MovImm dst: r4 imm: 0
	 62: Call FnMapUpdateElem
aggdone_7:
	 63: LdXMemDW dst: r6 src: r6 off: 16 imm: 0
	 64: StMemDW dst: rfp src: r0 off: -8 imm: 0
	 65: LoadMapPtr dst: r1 fd: 0 <@m>
	 67: MovReg dst: r2 src: rfp
	 68: AddImm dst: r2 imm: -8
	 69: Call FnMapLookupElem
	 70: JEqImm dst: r0 off: -1 imm: 0 <aggmiss_8>
	 71: LdXMemDW dst: r1 src: r0 off: 8 imm: 0
	 72: JEqImm dst: r1 off: -1 imm: 0 <write_10>
	 73: LdXMemDW dst: r1 src: r0 off: 0 imm: 0
	 74: JSLEReg dst: r6 off: -1 src: r1 <aggdone_9>
write_10:
	 75: StXMemDW dst: r0 src: r6 off: 0 imm: 0
	 76: StMemDW dst: r0 src: r0 off: 8 imm: 1
	 77: Ja off: -1 <aggdone_9>
aggmiss_8:
	 78: StXMemDW dst: rfp src: r6 off: -24 imm: 0
	 79: StMemDW dst: rfp src: r0 off: -16 imm: 1
	 80: LoadMapPtr dst: r1 fd: 0 <@m>
	 82: MovReg dst: r2 src: rfp
	 83: AddImm dst: r2 imm: -8
	 84: MovReg dst: r3 src: rfp
	 85: AddImm dst: r3 imm: -24
	 86: MovImm dst: r4 imm: 0
	 87: Call FnMapUpdateElem
aggdone_9:
	 88: MovImm dst: r0 imm: 0
	 89: Exit

